using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Communities;

/// <summary>With a <c>ParentId</c>, a sub-community: its creator must be the parent's creator.</summary>
public sealed record CreateCommunity(
    Guid CommunityId, string Name, string Slug, string Description, CommunityVisibility Visibility,
    JoinPolicy JoinPolicy, Guid CreatedBy, Guid? ParentId = null);

/// <summary>Claims a slug: the document's id is the slug, so a second claim fails in the same transaction.</summary>
public sealed record SlugClaim(string Id, Guid CommunityId);

public static class CreateCommunityField
{
    public static void AddCreateCommunity(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CommunityGraphType>>("createCommunity")
            .Description("Creates a community; the caller becomes its creator and first member.")
            .Argument<NonNullGraphType<CreateCommunityInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c => await c.Commands().InvokeAsync<CommunityCard>(Command(c, null), c.CancellationToken));

        mutation.Field<NonNullGraphType<CommunityGraphType>>("createSubCommunity")
            .Description("Creates a sub-community; its members must be members of the parent.")
            .Argument<NonNullGraphType<IdGraphType>>("parentId")
            .Argument<NonNullGraphType<CreateCommunityInputGraphType>>("input")
            .AllowOwn(CommunitiesAccess.Creator("parentId"), Audience.Creator)
            .ResolveAsync(async c => await c.Commands().InvokeAsync<CommunityCard>(Command(c, c.IdArgument("parentId")), c.CancellationToken));
    }

    private static CreateCommunity Command(IResolveFieldContext context, Guid? parentId)
    {
        var input = context.GetArgument<CreateCommunityInput>("input");
        return new CreateCommunity(Guid.CreateVersion7(), input.Name, input.Slug, input.Description ?? "",
            input.Visibility ?? CommunityVisibility.Public, input.JoinPolicy ?? JoinPolicy.Open, context.UserId(), parentId);
    }
}

public static class CreateCommunityHandler
{
    /// <summary>Starts the community and the creator's membership, claims the slug and grants CREATOR, in one transaction.</summary>
    public static async Task<CommunityCard> Handle(CreateCommunity command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var parent = command.ParentId is { } parentId ? await session.Events.FetchLatest<Community>(parentId, cancellation) : null;
        var events = Community.Start(command, parent, clock.GetUtcNow());
        var created = (CommunityCreated)events[0];
        var joined = (MemberJoined)events[1];
        session.Insert(new SlugClaim(command.Slug, command.CommunityId));
        session.Events.StartStream<Community>(command.CommunityId, created);
        session.Events.StartStream<Membership>(joined.MembershipId, joined);
        session.Events.Append(command.CreatedBy, new RoleGranted(command.CreatedBy, Role.Creator, command.CommunityId,
            "Created the community", null, created.CreatedAt));
        return CommunityCard.From(created, memberCount: 1);
    }
}
