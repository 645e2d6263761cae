using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Communities;

/// <summary>The module's queries: thin reads of projected documents.</summary>
public static class CommunityQueries
{
    public static void AddCommunitiesQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<CommunityGraphType, CommunityCard>>>("communities")
            .Description("Public communities, featured ones first, then newest first; search matches the name.")
            .Argument<StringGraphType>("search")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Allow(Everyone)
            .ResolveAsync(async c =>
            {
                var first = Cursor.PageSize(c.GetArgument<int?>("first"));
                var after = Cursor.Decode(c.GetArgument<string?>("after"));
                var search = c.GetArgument<string?>("search")?.Trim();
                await c.SeeOwnWrites(nameof(CommunityCard));
                var query = c.Reads().Query<CommunityCard>().Where(x => x.Visibility == CommunityVisibility.Public);
                if (!string.IsNullOrEmpty(search)) query = query.Where(x => x.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
                // Featured first, then newest first: the rank is unique (made from the creation's sequence), so it alone is a complete keyset.
                if (after is { } before) query = query.Where(x => x.DiscoveryRank < before);
                var rows = await query.OrderByDescending(x => x.DiscoveryRank).Take(first + 1).ToListAsync(c.CancellationToken);
                return Page<CommunityCard>.From(rows, first, x => x.DiscoveryRank);
            });

    public static void AddCommunityQuery(this ObjectGraphType query) =>
        query.Field<CommunityGraphType>("community")
            .Description("One community by id or slug; a private one only for its members.")
            .Argument<IdGraphType>("id")
            .Argument<StringGraphType>("slug")
            .Allow(Everyone)
            .ResolveAsync(async c =>
            {
                var reads = c.Reads();
                var slug = c.GetArgument<string?>("slug");
                await c.SeeOwnWrites(nameof(CommunityCard));
                var card = Guid.TryParse(c.GetArgument<string?>("id"), out var id)
                    ? await reads.LoadAsync<CommunityCard>(id, c.CancellationToken)
                    : slug is not null
                        ? await reads.Query<CommunityCard>().FirstOrDefaultAsync(x => x.Slug == slug, c.CancellationToken)
                        : throw DomainException.Invalid("Give the community's id or slug.");
                return await CommunitiesAccess.Visible(c, card);
            });

    public static void AddMembersQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<MembershipGraphType, MembershipView>>>("members")
            .Description("The member directory (MEMB): active members, most recently joined first, with role badges.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowOwn(CommunitiesAccess.Member("communityId"), SignedIn)
            .ResolveAsync(async c => await CommunityReads.MembershipPage(c, c.IdArgument("communityId"), MembershipStatus.Active));

    public static void AddJoinRequestsQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<MembershipGraphType, MembershipView>>>("joinRequests")
            .Description("Pending join requests (INVT), newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowOwn(CommunitiesAccess.Staff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c => await CommunityReads.MembershipPage(c, c.IdArgument("communityId"), MembershipStatus.Pending));

    public static void AddMyCommunitiesQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<MembershipGraphType, MembershipView>>>("myCommunities")
            .Description("The caller's memberships, active and pending, most recent first.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var userId = c.UserId();
                return await c.Reads().Query<MembershipView>()
                    .Where(m => m.UserId == userId && (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Pending))
                    .NewestFirst(c, m => m.ChangedAt, m => m.Id);
            });
}
