using Marten;
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

    /// <summary>The user's avatar becomes this file; the one it replaces is deleted.</summary>
    public static async Task SetAvatar(this IDocumentSession session, IMessageContext messages, Guid fileId, Guid userId, DateTimeOffset now, CancellationToken cancellation)
    {
        var replaced = await session.Query<FileView>()
            .Where(f => f.OwnerId == userId && f.OwnerKind == FileOwnerKind.Profile && f.Status != FileStatus.Deleted && f.Id != fileId).ToListAsync(cancellation);
        await session.AttachFiles([fileId], FilePurpose.Avatar, FileOwnerKind.Profile, userId, null, userId, now, cancellation);
        foreach (var file in replaced) await FileDeletion.Delete(session, messages, file, "Replaced by a new avatar.", now);
    }

    /// <summary>What a resolver shows: the owner's files that are not deleted, oldest first.</summary>
    public static async Task<IReadOnlyList<FileView>> FilesOf(IQuerySession reads, FileOwnerKind kind, Guid ownerId, CancellationToken cancellation) =>
        await reads.Query<FileView>().Where(f => f.OwnerId == ownerId && f.OwnerKind == kind && f.Status != FileStatus.Deleted)
            .OrderBy(f => f.AttachedAt).ToListAsync(cancellation);
}
