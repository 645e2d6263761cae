using Marten;
using Platform.Contracts.Files;
using Platform.Projections.Files;
using Wolverine;

namespace Platform.Api.Files;

/// <summary>Removes stored objects after the change that dropped them committed (outbox), with the queue's retries.</summary>
public sealed record DeleteStoredObjects(Guid FileId, IReadOnlyList<string> ObjectKeys);

/// <summary>
/// Files go with what they belong to: deleting a post, comment, message, lesson or account deletes its files (in the
/// same transaction as the deletion), and an upload never completed is swept after <see cref="FilesOptions.OrphanAfter"/>.
/// </summary>
public static class FileDeletion
{
    /// <summary>For other modules' handlers: records the deletion of everything attached to the owners and queues the objects' removal.</summary>
    public static async Task DeleteFilesOf(this IDocumentSession session, IMessageContext messages, FileOwnerKind kind, IEnumerable<Guid> ownerIds, string reason,
        DateTimeOffset now, CancellationToken cancellation)
    {
        Guid?[] owners = [.. ownerIds.Select(id => (Guid?)id)];
        if (owners.Length == 0) return;
        var files = await session.Query<FileView>().Where(f => f.OwnerId.IsOneOf(owners) && f.OwnerKind == kind && f.Status != FileStatus.Deleted)
            .ToListAsync(cancellation);
        foreach (var file in files) await Delete(session, messages, file, reason, now);
    }

    /// <summary>
    /// An erased person's own files go: their avatar, and uploads not (yet) part of anything. What they added to a
    /// community (post, comment and message images, a cover, lesson attachments) stays with it, as the text does.
    /// </summary>
    public static async Task DeleteFilesOfErased(this IDocumentSession session, IMessageContext messages, Guid userId, DateTimeOffset now, CancellationToken cancellation)
    {
        var files = await session.Query<FileView>()
            .Where(f => f.UploadedBy == userId && (f.OwnerKind == null || f.OwnerKind == FileOwnerKind.Profile) && f.Status != FileStatus.Deleted)
            .ToListAsync(cancellation);
        foreach (var file in files) await Delete(session, messages, file, "Its uploader's account was erased.", now);
    }

    public static async Task Delete(IDocumentSession session, IMessageContext messages, FileView file, string reason, DateTimeOffset now)
    {
        var deleted = StoredFiles.Delete(file, reason, now);
        if (deleted.Length == 0) return;
        session.Events.Append(file.Id, deleted);
        await messages.PublishAsync(new DeleteStoredObjects(file.Id, [.. file.ObjectKeys]));
    }
}

public static class FileDeletionHandler
{
    public static async Task Handle(DeleteStoredObjects message, IFileStore store, ILogger<DeleteStoredObjects> logger, CancellationToken cancellation)
    {
        foreach (var key in message.ObjectKeys) await store.Delete(key, cancellation);
        logger.LogInformation("Deleted {ObjectCount} stored objects of file {FileId}", message.ObjectKeys.Count, message.FileId);
    }

    /// <summary>Completed uploads are left alone; an orphan's bytes (if any arrived) are deleted.</summary>
    public static async Task Handle(SweepFileUpload message, IDocumentSession session, IMessageContext messages, FilesOptions options,
        TimeProvider clock, ILogger<SweepFileUpload> logger, CancellationToken cancellation)
    {
        // Fetched for writing: a completion racing the sweep makes one of the two fail its version check.
        var file = (await session.Events.FetchForWriting<FileView>(message.FileId, cancellation)).Aggregate;
        if (!StoredFiles.IsOrphan(file, options.OrphanAfter, clock.GetUtcNow())) return;
        await FileDeletion.Delete(session, messages, file!, "Never completed.", clock.GetUtcNow());
        logger.LogInformation("Swept upload {FileId}, never completed since {RequestedAt}", file!.Id, file.RequestedAt);
    }
}
