using Marten;
using Marten.Services.BatchQuerying;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social;

/// <summary>Posts' active reactions for one request: a feed page primes all its posts at once, and a post shares one load with its comments (no N+1).</summary>
public sealed class ReactionLookup(IQuerySession reads, Caller caller) : BatchLookup<IReadOnlyList<ReactionView>>(reads)
{
    public async Task<IReadOnlyList<ReactionCount>> For(Guid postId, Guid targetId, CancellationToken cancellation)
    {
        var reactions = await Get(postId, cancellation);
        return Enum.GetValues<ReactionKind>().Select(kind =>
        {
            var these = reactions.Where(r => r.TargetId == targetId && r.Kind == kind).ToList();
            return new ReactionCount(kind, these.Count, these.Any(r => r.UserId == caller.UserId));
        }).ToList();
    }

    protected override async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ReactionView>>> LoadMany(IBatchedQuery batch, Guid[] postIds) =>
        (await batch.Query<ReactionView>().Where(r => postIds.Contains(r.PostId) && r.Active).ToList())
            .GroupBy(r => r.PostId).ToDictionary(g => g.Key, g => (IReadOnlyList<ReactionView>)g.ToList());

    protected override IReadOnlyList<ReactionView> Missing => [];
}
