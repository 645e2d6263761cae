using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Api.Communities;

/// <summary>What the module's fields answer with, read so that a caller sees its own change at once.</summary>
public static class CommunityReads
{
    /// <summary>The membership view, inline: a mutation answers with its own change.</summary>
    public static Task<MembershipView?> Membership(IResolveFieldContext context, Guid membershipId) =>
        context.Reads().LoadAsync<MembershipView>(membershipId, context.CancellationToken);

    /// <summary>
    /// The card as the community's write model says now; the member count and the paging key come from the async card,
    /// once it has applied the caller's own commits.
    /// </summary>
    public static async Task<CommunityCard> Current(IResolveFieldContext context, Guid communityId)
    {
        var reads = context.Reads();
        var community = await reads.Events.AggregateStreamAsync<Community>(communityId, token: context.CancellationToken)
            ?? throw DomainException.NotFound("The community");
        await context.SeeOwnWrites(nameof(CommunityCard));
        var projected = await reads.LoadAsync<CommunityCard>(communityId, context.CancellationToken);
        return new CommunityCard
        {
            Id = community.Id, Name = community.Name, Slug = community.Slug, Description = community.Description,
            Visibility = community.Visibility, JoinPolicy = community.JoinPolicy, ErasedMemberContent = community.ErasedMemberContent, FeePercent = community.FeePercent,
            ParentId = community.ParentId, CreatorId = community.CreatorId, LevelNames = [.. community.LevelNames],
            CreatedAt = community.CreatedAt, MemberCount = projected?.MemberCount ?? 1, Sequence = projected?.Sequence ?? 0,
        };
    }

    /// <summary>Members or requests of one status, newest change first, with their users loaded in one query.</summary>
    public static async Task<Page<MembershipView>> MembershipPage(IResolveFieldContext context, Guid communityId, MembershipStatus status)
    {
        var page = await context.Reads().Query<MembershipView>().Where(m => m.CommunityId == communityId && m.Status == status)
            .NewestFirst(context, m => m.ChangedAt, m => m.Id);
        await context.RequestServices!.GetRequiredService<UserLookup>().Prime(page.Edges.Select(e => e.Node.UserId), context.CancellationToken);
        return page;
    }
}
