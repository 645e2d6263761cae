using Marten;
using Platform.Api.Identity;
using Platform.Api.Social.Graph;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social;

/// <summary>A post's active reactions for one request, loaded once for the post and all its comments (no N+1).</summary>
public sealed class ReactionLookup(IQuerySession reads, Caller caller)
{
    private readonly Dictionary<Guid, IReadOnlyList<ReactionView>> byPost = [];

    public async Task<IReadOnlyList<ReactionCount>> For(Guid postId, Guid targetId, CancellationToken cancellation)
    {
        if (!byPost.TryGetValue(postId, out var reactions))
            byPost[postId] = reactions = await reads.Query<ReactionView>().Where(r => r.PostId == postId && r.Active).ToListAsync(cancellation);
        return Enum.GetValues<ReactionKind>().Select(kind =>
        {
            var these = reactions.Where(r => r.TargetId == targetId && r.Kind == kind).ToList();
            return new ReactionCount(kind, these.Count, these.Any(r => r.UserId == caller.UserId));
        }).ToList();
    }
}
