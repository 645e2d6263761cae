using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts.Files;
using Platform.Projections.Files;
using Wolverine;

namespace Platform.Api.Files;

/// <summary>
/// For other modules' handlers: files become part of a profile, post, comment, message or lesson in the same
/// transaction as the change that uses them, so a refused file refuses the whole change.
/// </summary>
public static class FileAttachments
{
    /// <summary>Attaches the uploader's completed files of <paramref name="purpose"/> (at most the purpose's number per owner).</summary>
    public static async Task AttachFiles(this IDocumentSession session, IReadOnlyCollection<Guid>? fileIds, FilePurpose purpose, FileOwnerKind kind,
        Guid ownerId, Guid? communityId, Guid attachedBy, DateTimeOffset now, CancellationToken cancellation)
    {
        if (fileIds is not { Count: > 0 }) return;
        var limit = FileLimit.For(purpose).MaxPerOwner;
        if (fileIds.Distinct().Count() > limit) throw DomainException.Invalid($"At most {limit} {purpose} files on one {kind}.");
        foreach (var fileId in fileIds.Distinct())
        {
            var stream = await session.Events.FetchForWriting<FileView>(fileId, cancellation);
            stream.AppendMany(StoredFiles.Attach(stream.Aggregate, purpose, kind, ownerId, communityId, attachedBy, now));
        }
    }

    /// <summary>
    /// The owner's files of <paramref name="kind"/> become exactly these (an avatar, a cover, a lesson's attachments): the
    /// new ones are attached and the ones no longer listed are deleted.
    /// </summary>
    public static async Task ReplaceFiles(this IDocumentSession session, IMessageContext messages, IReadOnlyCollection<Guid> fileIds, FilePurpose purpose,
        FileOwnerKind kind, Guid ownerId, Guid? communityId, Guid attachedBy, DateTimeOffset now, CancellationToken cancellation)
    {
        var replaced = await session.Query<FileView>()
            .Where(f => f.OwnerId == ownerId && f.OwnerKind == kind && f.Status != FileStatus.Deleted).ToListAsync(cancellation);
        await session.AttachFiles(fileIds, purpose, kind, ownerId, communityId, attachedBy, now, cancellation);
        foreach (var file in replaced.Where(f => !fileIds.Contains(f.Id))) await FileDeletion.Delete(session, messages, file, $"Replaced on its {kind}.", now);
    }

    /// <summary>A file id from a GraphQL input, where ids stay text: a malformed one is a file not found.</summary>
    public static Guid? Id(string? fileId) =>
        fileId is null ? null : Guid.TryParse(fileId, out var id) ? id : throw DomainException.NotFound("The file");

    public static IReadOnlyList<Guid>? Ids(IReadOnlyList<string>? fileIds) => fileIds?.Select(id => Id(id)!.Value).ToList();

    /// <summary>What a resolver shows: the owner's files that are not deleted, oldest first.</summary>
    public static async Task<IReadOnlyList<FileView>> FilesOf(IQuerySession reads, FileOwnerKind kind, Guid ownerId, CancellationToken cancellation) =>
        await reads.Query<FileView>().Where(f => f.OwnerId == ownerId && f.OwnerKind == kind && f.Status != FileStatus.Deleted)
            .OrderBy(f => f.AttachedAt).ToListAsync(cancellation);

    /// <summary>For a resolver whose parent does not decide the files' access (a community's cover): only the files the caller may see.</summary>
    public static async Task<IReadOnlyList<FileView>> VisibleFilesOf(IResolveFieldContext context, FileOwnerKind kind, Guid ownerId)
    {
        var visible = new List<FileView>();
        foreach (var file in await FilesOf(context.Reads(), kind, ownerId, context.CancellationToken))
            if (await FilesAccess.MaySee(context, file)) visible.Add(file);
        return visible;
    }
}
