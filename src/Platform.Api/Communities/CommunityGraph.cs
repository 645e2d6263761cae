using GraphQL;
using GraphQL.Types;
using Marten;
using Marten.Pagination;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using static Platform.Api.Identity.AccessDeclarations;
using Platform.Api.Infrastructure;
using Platform.Api.Live;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;
using Wolverine;
using System.Reactive.Linq;

namespace Platform.Api.Communities;

public sealed class CommunityGraphType : ObjectGraphType<CommunityCard>
{
    public CommunityGraphType()
    {
        Name = "Community";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(c => c.Name);
        Field(c => c.Slug);
        Field(c => c.Description);
        Field<NonNullGraphType<EnumerationGraphType<CommunityVisibility>>>("visibility").Resolve(c => c.Source.Visibility);
        Field<NonNullGraphType<EnumerationGraphType<JoinPolicy>>>("joinPolicy").Resolve(c => c.Source.JoinPolicy);
        Field(c => c.FeePercent);
        Field(c => c.MemberCount);
        Field<IdGraphType>("parentId").Resolve(c => c.Source.ParentId);
        Field<NonNullGraphType<IdGraphType>>("creatorId").Resolve(c => c.Source.CreatorId);
        Field(c => c.CreatedAt);
    }
}

public sealed class MembershipGraphType : ObjectGraphType<MembershipView>
{
    public MembershipGraphType()
    {
        Name = "Membership";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field<NonNullGraphType<IdGraphType>>("userId").Resolve(c => c.Source.UserId);
        Field<NonNullGraphType<EnumerationGraphType<MembershipStatus>>>("status").Resolve(c => c.Source.Status);
        Field(c => c.RequestedAt, nullable: true);
        Field(c => c.JoinedAt, nullable: true);
        Field<CommunityGraphType>("community").ResolveAsync(async c =>
            await c.Reads().LoadAsync<CommunityCard>(c.Source.CommunityId, c.CancellationToken));
    }
}

public sealed class CreateCommunityInputGraphType : InputObjectGraphType
{
    public CreateCommunityInputGraphType()
    {
        Name = "CreateCommunityInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("slug");
        Field<StringGraphType>("description");
        Field<EnumerationGraphType<CommunityVisibility>>("visibility").DefaultValue(CommunityVisibility.Public);
        Field<EnumerationGraphType<JoinPolicy>>("joinPolicy").DefaultValue(JoinPolicy.Open);
    }
}

public static class CommunityGraph
{
    public static void AddCommunityQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<CommunityGraphType, CommunityCard>>>("communities")
            .Description("Public communities, newest first; search matches the name.")
            .Argument<StringGraphType>("search")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Allow(Everyone)
            .ResolveAsync(async c =>
            {
                var first = Cursor.PageSize(c.GetArgument<int?>("first"));
                var after = Cursor.Decode(c.GetArgument<string?>("after"));
                var search = c.GetArgument<string?>("search")?.Trim();
                var query = c.Reads().Query<CommunityCard>().Where(x => x.Visibility == CommunityVisibility.Public);
                if (!string.IsNullOrEmpty(search)) query = query.Where(x => x.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
                if (after is { } before) query = query.Where(x => x.Sequence < before);
                var rows = await query.OrderByDescending(x => x.Sequence).Take(first + 1).ToListAsync(c.CancellationToken);
                return Page<CommunityCard>.From(rows, first, x => x.Sequence);
            });

        query.Field<CommunityGraphType>("community")
            .Description("One community by id or slug; a private one only for its members.")
            .Argument<IdGraphType>("id")
            .Argument<StringGraphType>("slug")
            .Allow(Everyone)
            .ResolveAsync(async c =>
            {
                var reads = c.Reads();
                var slug = c.GetArgument<string?>("slug");
                var card = Guid.TryParse(c.GetArgument<string?>("id"), out var id)
                    ? await reads.LoadAsync<CommunityCard>(id, c.CancellationToken)
                    : slug is not null
                        ? await reads.Query<CommunityCard>().FirstOrDefaultAsync(x => x.Slug == slug, c.CancellationToken)
                        : throw DomainException.Invalid("Give the community's id or slug.");
                if (card is null || card.Visibility == CommunityVisibility.Public) return card;
                // A private community does not reveal that it exists.
                return await Ownerships.IsCommunityMember(reads, c.Caller(), card.Id, c.CancellationToken) ? card : null;
            });
    }

    public static void AddCommunityMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CommunityGraphType>>("createCommunity")
            .Description("Creates a community; the caller becomes its creator and first member.")
            .Argument<NonNullGraphType<CreateCommunityInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var command = new CreateCommunity(
                    Guid.CreateVersion7(),
                    (string)input["name"]!,
                    (string)input["slug"]!,
                    input.GetValueOrDefault("description") as string ?? "",
                    input.GetValueOrDefault("visibility") as CommunityVisibility? ?? CommunityVisibility.Public,
                    input.GetValueOrDefault("joinPolicy") as JoinPolicy? ?? JoinPolicy.Open,
                    c.UserId());
                return await c.Commands().InvokeAsync<CommunityCard>(command, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<MembershipGraphType>>("joinCommunity")
            .Description("Joins a community: ACTIVE for an open one, PENDING where the creator approves.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var command = new JoinCommunity(c.IdArgument("communityId"), c.UserId());
                return await c.Commands().InvokeAsync<MembershipView>(command, c.CancellationToken);
            });
    }

    public static void AddCommunitySubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<MembershipGraphType>>("memberJoined")
            .Description("A membership each time someone becomes an active member of the community.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .AllowOwn(Ownerships.CommunityMember("communityId"), SignedIn)
            .ResolveStream(c =>
            {
                var communityId = c.IdArgument("communityId");
                return c.RequestServices!.GetRequiredService<LiveEvents>().Of<MemberJoined>()
                    .Where(e => e.CommunityId == communityId)
                    .Select(e => MembershipViewProjection.Create(e));
            });
    }
}
