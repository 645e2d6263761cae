using Marten;
using Marten.Services.BatchQuerying;
using Platform.Api.Infrastructure;
using Platform.Contracts.Files;
using Platform.Projections.Files;

namespace Platform.Api.Files;

/// <summary>Posts' images for one request: a feed page primes all its posts at once (no query per post).</summary>
public sealed class PostImageLookup(IQuerySession reads) : BatchLookup<IReadOnlyList<FileView>>(reads)
{
    /// <summary>As <see cref="FileAttachments.FilesOf"/> answers for one post: not deleted, oldest first.</summary>
    protected override async Task<IReadOnlyDictionary<Guid, IReadOnlyList<FileView>>> LoadMany(IBatchedQuery batch, Guid[] postIds)
    {
        var owners = postIds.Select(id => (Guid?)id).ToArray();
        return (await batch.Query<FileView>()
                .Where(f => owners.Contains(f.OwnerId) && f.OwnerKind == FileOwnerKind.Post && f.Status != FileStatus.Deleted)
                .OrderBy(f => f.AttachedAt).ToList())
            .GroupBy(f => f.OwnerId!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<FileView>)g.ToList());
    }

    protected override IReadOnlyList<FileView> Missing => [];
}
