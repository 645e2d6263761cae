using System.Reactive.Linq;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Live;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

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
        Field(c => c.LevelNames);
        Field<IdGraphType>("parentId").Resolve(c => c.Source.ParentId);
        Field<NonNullGraphType<IdGraphType>>("creatorId").Resolve(c => c.Source.CreatorId);
        Field(c => c.CreatedAt);
        Field<CommunityGraphType>("parent").ResolveAsync(async c =>
            c.Source.ParentId is { } parentId ? await CommunityGraph.Visible(c, await c.Reads().LoadAsync<CommunityCard>(parentId, c.CancellationToken)) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommunityGraphType>>>>("children")
            .Description("Sub-communities the caller may see.")
            .ResolveAsync(async c =>
            {
                var id = c.Source.Id;
                var children = await c.Reads().Query<CommunityCard>().Where(x => x.ParentId == id).OrderBy(x => x.Sequence).ToListAsync(c.CancellationToken);
                var visible = new List<CommunityCard>();
                foreach (var child in children)
                    if (await CommunityGraph.MaySee(c, child)) visible.Add(child);
                return visible;
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Courses.CourseGraphType>>>>("courses")
            .Description("The classroom (CLIB): published courses, plus drafts for the community's creator.")
            .ResolveAsync(async c =>
            {
                var id = c.Source.Id;
                var builds = c.Caller().Holds(Contracts.Identity.Role.Creator, id);
                var courses = await c.Reads().Query<Projections.Courses.CourseOutline>().Where(x => x.CommunityId == id)
                    .OrderBy(x => x.CreatedAt).ToListAsync(c.CancellationToken);
                return courses.Where(x => builds || x.IsPublished);
            });
        Field<Commerce.PriceGraphType>("price").Description("What membership costs when the join policy is PAID; buy it with startCheckout.")
            .ResolveAsync(async c => await Commerce.CommerceGraph.PriceOf(c, c.Source.Id));
        Field<MembershipGraphType>("viewerMembership").Description("The caller's own membership, if any.").ResolveAsync(async c =>
            c.Caller().UserId is { } userId
                ? await c.Reads().Events.AggregateStreamAsync<MembershipView>(DeterministicId.Membership(c.Source.Id, userId), token: c.CancellationToken)
                : null);
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
            await CommunityGraph.Visible(c, await c.Reads().LoadAsync<CommunityCard>(c.Source.CommunityId, c.CancellationToken)));
        Field<UserGraphType>("user").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.UserId, c.CancellationToken));
        Engagement.Graph.MemberLevelGraphType.AddTo(this, "level", m => (m.CommunityId, m.UserId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<Role>>>>>("badges")
            .Description("The member's roles in this community (CREATOR, MODERATOR), for the directory.")
            .ResolveAsync(async c =>
            {
                var user = await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.UserId, c.CancellationToken);
                return user?.Grants.Where(g => g.CommunityId == c.Source.CommunityId).Select(g => g.Role).Distinct() ?? [];
            });
    }
}

public sealed class InvitationGraphType : ObjectGraphType<(InvitationView Invitation, string Token)>
{
    public InvitationGraphType()
    {
        Name = "Invitation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Invitation.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.Invitation.CommunityId);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Invitation.Email);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiresAt").Resolve(c => c.Source.Invitation.ExpiresAt);
        Field<NonNullGraphType<StringGraphType>>("token")
            .Description("The single-use token for acceptInvite; shown once, here, and stored only as a hash.")
            .Resolve(c => c.Source.Token);
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

public sealed class CommunitySettingsInputGraphType : InputObjectGraphType
{
    public CommunitySettingsInputGraphType()
    {
        Name = "CommunitySettingsInput";
        Description = "Only the fields given change.";
        Field<StringGraphType>("name");
        Field<StringGraphType>("description");
        Field<EnumerationGraphType<CommunityVisibility>>("visibility");
        Field<EnumerationGraphType<JoinPolicy>>("joinPolicy");
    }
}

public static class CommunityGraph
{
    /// <summary>A public community is visible to anyone; a private one only to its members, creator and moderators.</summary>
    public static async Task<bool> MaySee(IResolveFieldContext context, CommunityCard card) =>
        card.Visibility == CommunityVisibility.Public
        || await Ownerships.IsCommunityMember(context.Reads(), context.Caller(), card.Id, context.CancellationToken);

    /// <summary>The card, or null when the caller may not see it: every edge to a community goes through here.</summary>
    public static async Task<CommunityCard?> Visible(IResolveFieldContext context, CommunityCard? card) =>
        card is not null && await MaySee(context, card) ? card : null;

    private static Task<MembershipView?> MembershipOf(IResolveFieldContext context, Guid membershipId) =>
        context.Reads().Events.AggregateStreamAsync<MembershipView>(membershipId, token: context.CancellationToken);

    private static async Task<Page<MembershipView>> MembershipPage(IResolveFieldContext context, Guid communityId, MembershipStatus status)
    {
        var page = await context.Reads().Query<MembershipView>().Where(m => m.CommunityId == communityId && m.Status == status)
            .NewestFirst(context, m => m.ChangedAt);
        await context.RequestServices!.GetRequiredService<UserLookup>().Prime(page.Edges.Select(e => e.Node.UserId), context.CancellationToken);
        return page;
    }

    private static CreateCommunity CreateCommand(IResolveFieldContext context, Dictionary<string, object?> input, Guid? parentId) => new(
        Guid.CreateVersion7(),
        (string)input["name"]!,
        (string)input["slug"]!,
        input.GetValueOrDefault("description") as string ?? "",
        input.GetValueOrDefault("visibility") as CommunityVisibility? ?? CommunityVisibility.Public,
        input.GetValueOrDefault("joinPolicy") as JoinPolicy? ?? JoinPolicy.Open,
        context.UserId(),
        parentId);

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
                return await Visible(c, card); // a private community does not reveal that it exists
            });

        query.Field<NonNullGraphType<ConnectionGraphType<MembershipGraphType, MembershipView>>>("members")
            .Description("The member directory (MEMB): active members, most recently joined first, with role badges.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowOwn(Ownerships.CommunityMember("communityId"), SignedIn)
            .ResolveAsync(async c => await MembershipPage(c, c.IdArgument("communityId"), MembershipStatus.Active));

        query.Field<NonNullGraphType<ConnectionGraphType<MembershipGraphType, MembershipView>>>("joinRequests")
            .Description("Pending join requests (INVT), newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowOwn(Ownerships.CommunityStaff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c => await MembershipPage(c, c.IdArgument("communityId"), MembershipStatus.Pending));

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
                    .NewestFirst(c, m => m.ChangedAt);
            });
    }

    public static void AddCommunityMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CommunityGraphType>>("createCommunity")
            .Description("Creates a community; the caller becomes its creator and first member.")
            .Argument<NonNullGraphType<CreateCommunityInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c => await c.Commands().InvokeAsync<CommunityCard>(
                CreateCommand(c, c.GetArgument<Dictionary<string, object?>>("input"), null), c.CancellationToken));

        mutation.Field<NonNullGraphType<CommunityGraphType>>("createSubCommunity")
            .Description("Creates a sub-community; its members must be members of the parent.")
            .Argument<NonNullGraphType<IdGraphType>>("parentId")
            .Argument<NonNullGraphType<CreateCommunityInputGraphType>>("input")
            .AllowOwn(Ownerships.CommunityCreator("parentId"), Audience.Creator)
            .ResolveAsync(async c => await c.Commands().InvokeAsync<CommunityCard>(
                CreateCommand(c, c.GetArgument<Dictionary<string, object?>>("input"), c.IdArgument("parentId")), c.CancellationToken));

        mutation.Field<NonNullGraphType<CommunityGraphType>>("updateCommunitySettings")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<CommunitySettingsInputGraphType>>("input")
            .AllowOwn(Ownerships.CommunityCreator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("communityId");
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                await c.Commands().InvokeAsync(new UpdateCommunitySettings(id, input.GetValueOrDefault("name") as string,
                    input.GetValueOrDefault("description") as string, input.GetValueOrDefault("visibility") as CommunityVisibility?,
                    input.GetValueOrDefault("joinPolicy") as JoinPolicy?, c.UserId()), c.CancellationToken);
                return await CurrentCard(c, id);
            });

        mutation.Field<NonNullGraphType<CommunityGraphType>>("setLevelNames")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("names")
            .AllowOwn(Ownerships.CommunityCreator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("communityId");
                await c.Commands().InvokeAsync(new SetLevelNames(id, c.GetArgument<List<string>>("names"), c.UserId()), c.CancellationToken);
                return await CurrentCard(c, id);
            });

        mutation.Field<NonNullGraphType<MembershipGraphType>>("joinCommunity")
            .Description("Joins a community: ACTIVE for an open one, PENDING where the creator approves.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                await c.Commands().InvokeAsync(new JoinCommunity(communityId, c.UserId()), c.CancellationToken);
                return await MembershipOf(c, DeterministicId.Membership(communityId, c.UserId()));
            });

        mutation.Field<NonNullGraphType<MembershipGraphType>>("leaveCommunity")
            .Description("Leaves a community, or withdraws a pending request.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .AllowOwn(Ownerships.MembershipHolder("communityId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                await c.Commands().InvokeAsync(new LeaveCommunity(communityId, c.UserId()), c.CancellationToken);
                return await MembershipOf(c, DeterministicId.Membership(communityId, c.UserId()));
            });

        foreach (var (name, approve) in new[] { ("approveJoinRequest", true), ("rejectJoinRequest", false) })
        {
            mutation.Field<NonNullGraphType<MembershipGraphType>>(name)
                .Argument<NonNullGraphType<IdGraphType>>("membershipId")
                .AllowOwn(Ownerships.StaffOfMembership("membershipId"), Audience.Creator, Audience.Moderator)
                .ResolveAsync(async c =>
                {
                    var membershipId = c.IdArgument("membershipId");
                    object command = approve ? new ApproveJoinRequest(membershipId, c.UserId()) : new RejectJoinRequest(membershipId, c.UserId());
                    await c.Commands().InvokeAsync(command, c.CancellationToken);
                    return await MembershipOf(c, membershipId);
                });
        }

        mutation.Field<NonNullGraphType<MembershipGraphType>>("banMember")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowOwn(Ownerships.CommunityStaff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var (communityId, userId) = (c.IdArgument("communityId"), c.IdArgument("userId"));
                await c.Commands().InvokeAsync(new BanMember(communityId, userId, c.GetArgument<string>("reason"), c.UserId()), c.CancellationToken);
                return await MembershipOf(c, DeterministicId.Membership(communityId, userId));
            });

        mutation.Field<NonNullGraphType<MembershipGraphType>>("unbanMember")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .AllowOwn(Ownerships.CommunityStaff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var (communityId, userId) = (c.IdArgument("communityId"), c.IdArgument("userId"));
                await c.Commands().InvokeAsync(new UnbanMember(communityId, userId, c.UserId()), c.CancellationToken);
                return await MembershipOf(c, DeterministicId.Membership(communityId, userId));
            });

        mutation.Field<NonNullGraphType<InvitationGraphType>>("inviteMember")
            .Description("Invites someone by email with a single-use token that expires in 7 days.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .AllowOwn(Ownerships.CommunityMember("communityId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var command = new InviteMember(Guid.CreateVersion7(), c.IdArgument("communityId"), c.GetArgument<string>("email"),
                    Invitations.NewToken(), c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                var invitation = await c.Reads().LoadAsync<InvitationView>(command.InvitationId, c.CancellationToken);
                return (invitation!, command.Token);
            });

        mutation.Field<NonNullGraphType<MembershipGraphType>>("acceptInvite")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var communityId = await c.Commands().InvokeAsync<Guid>(new AcceptInvite(c.GetArgument<string>("token"), c.UserId()), c.CancellationToken);
                return await MembershipOf(c, DeterministicId.Membership(communityId, c.UserId()));
            });
    }

    /// <summary>
    /// The card with the community stream's settings applied, so a mutation answers with its own change even
    /// before the async projection has caught up (the member count may still lag).
    /// </summary>
    private static async Task<CommunityCard> CurrentCard(IResolveFieldContext context, Guid communityId)
    {
        var events = await context.Reads().Events.FetchStreamAsync(communityId, token: context.CancellationToken);
        if (events.FirstOrDefault()?.Data is not CommunityCreated created) throw DomainException.NotFound("The community");
        var card = await context.Reads().LoadAsync<CommunityCard>(communityId, context.CancellationToken)
            ?? CommunityCard.From(created, memberCount: 1);
        foreach (var e in events)
        {
            if (e.Data is CommunitySettingsChanged changed) CommunityCardProjection.Apply(changed, card);
            if (e.Data is LevelNamesSet names) CommunityCardProjection.Apply(names, card);
        }
        return card;
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
                var subscriber = c.UserId();
                var live = c.RequestServices!.GetRequiredService<LiveEvents>();
                // The subscription was authorized when it opened; it ends when the subscriber leaves, lapses or is banned.
                var membershipEnded = live.Of<MemberLeft>().Where(e => e.CommunityId == communityId && e.UserId == subscriber).Select(_ => true)
                    .Merge(live.Of<MembershipLapsed>().Where(e => e.CommunityId == communityId && e.UserId == subscriber).Select(_ => true))
                    .Merge(live.Of<MemberBanned>().Where(e => e.CommunityId == communityId && e.UserId == subscriber).Select(_ => true));
                return live.Of<MemberJoined>()
                    .Where(e => e.CommunityId == communityId)
                    .Select(e => MembershipViewProjection.Create(e))
                    .TakeUntil(membershipEnded);
            });
    }
}
