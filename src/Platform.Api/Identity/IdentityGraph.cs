using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity;

public sealed class RoleGrantGraphType : ObjectGraphType<RoleGrant>
{
    public RoleGrantGraphType()
    {
        Name = "RoleGrant";
        Field<NonNullGraphType<EnumerationGraphType<Role>>>("role").Resolve(c => c.Source.Role);
        Field<IdGraphType>("communityId").Description("Set for roles held in one community (CREATOR, MODERATOR).").Resolve(c => c.Source.CommunityId);
    }
}

/// <summary>A user as others see them; their roles only to themselves and admins.</summary>
public sealed class UserGraphType : ObjectGraphType<UserAccount>
{
    public UserGraphType()
    {
        Name = "User";
        this.AddProfileFields();
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleGrantGraphType>>>>("roles")
            .Allow(Audience.Admin)
            .AllowOwn(new Ownership("the user themself", (c, caller) => Task.FromResult(((UserAccount)c.Source!).Id == caller.UserId)), SignedIn)
            .Resolve(c => IdentityGraph.RolesOf(c.Source));
    }
}

/// <summary>The caller, with everything only they see.</summary>
public sealed class MeGraphType : ObjectGraphType<UserAccount>
{
    public MeGraphType()
    {
        Name = "Me";
        this.AddProfileFields();
        Field(u => u.Email, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleGrantGraphType>>>>("roles")
            .Description("MEMBER always; the platform and community roles granted to the caller.")
            .Resolve(c => IdentityGraph.RolesOf(c.Source));
        Field<NonNullGraphType<DashboardGraphType>>("dashboard").Resolve(c => c.RequestServices!.GetRequiredService<Caller>());
    }
}

public sealed class UpdateProfileInputGraphType : InputObjectGraphType
{
    public UpdateProfileInputGraphType()
    {
        Name = "UpdateProfileInput";
        Field<StringGraphType>("handle");
        Field<StringGraphType>("displayName");
        Field<StringGraphType>("bio");
    }
}

public static class IdentityGraph
{
    /// <summary>What anyone who may see a user sees: the same on <c>User</c> and <c>Me</c>.</summary>
    public static void AddProfileFields(this ObjectGraphType<UserAccount> type)
    {
        type.Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        type.Field(u => u.Handle);
        type.Field(u => u.DisplayName);
        type.Field(u => u.Bio);
        type.Field(u => u.RegisteredAt);
    }

    public static IEnumerable<RoleGrant> RolesOf(UserAccount user) => [new RoleGrant(Role.Member, null), .. user.Grants];

    private static UserAccount Me(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<Caller>().Account!;

    public static void AddIdentityQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<MeGraphType>>("me").Allow(SignedIn).Resolve(c => c.Me());

        query.Field<NonNullGraphType<DashboardGraphType>>("dashboard")
            .Description("One section per role the caller holds.")
            .Allow(SignedIn)
            .Resolve(c => c.RequestServices!.GetRequiredService<Caller>());

        query.Field<UserGraphType>("profile")
            .Argument<NonNullGraphType<StringGraphType>>("handle")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var handle = c.GetArgument<string>("handle").Trim().ToLowerInvariant();
                return await c.Reads().Query<UserAccount>().FirstOrDefaultAsync(u => u.Handle == handle, c.CancellationToken);
            });

        query.Field<NonNullGraphType<ConnectionGraphType<UserGraphType, UserAccount>>>("users")
            .Description("Users, newest first; search matches handle and display name.")
            .Argument<StringGraphType>("search")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var search = c.GetArgument<string?>("search")?.Trim().ToLowerInvariant();
                var query = c.Reads().Query<UserAccount>().AsQueryable();
                if (!string.IsNullOrEmpty(search)) query = query.Where(u => u.SearchText.Contains(search));
                return await query.NewestFirst(c, u => u.RegisteredAt, u => u.Id);
            });
    }

    public static void AddIdentityMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<MeGraphType>>("updateProfile")
            .Argument<NonNullGraphType<UpdateProfileInputGraphType>>("input")
            .AllowOwn(Ownerships.Self, SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var userId = c.Me().Id;
                await c.Commands().InvokeAsync(new UpdateProfile(userId, input.GetValueOrDefault("handle") as string,
                    input.GetValueOrDefault("displayName") as string, input.GetValueOrDefault("bio") as string), c.CancellationToken);
                return await c.Reads().LoadAsync<UserAccount>(userId, c.CancellationToken);
            });

        foreach (var (name, grant) in new[] { ("grantRole", true), ("revokeRole", false) })
        {
            mutation.Field<NonNullGraphType<UserGraphType>>(name)
                .Argument<NonNullGraphType<IdGraphType>>("userId")
                .Argument<NonNullGraphType<EnumerationGraphType<Role>>>("role")
                .Argument<IdGraphType>("communityId")
                .Argument<NonNullGraphType<StringGraphType>>("reason", "Why: kept in the audit trail.")
                .Allow(Audience.Admin)
                .ResolveAsync(async c =>
                {
                    var userId = c.IdArgument("userId");
                    var role = c.GetArgument<Role>("role");
                    var communityId = c.GetArgument<string?>("communityId") is { } id ? c.IdArgument("communityId") : (Guid?)null;
                    var reason = c.GetArgument<string>("reason");
                    var actor = c.Me().Id;
                    object command = grant
                        ? new GrantRole(userId, role, communityId, reason, actor)
                        : new RevokeRole(userId, role, communityId, reason, actor);
                    await c.Commands().InvokeAsync(command, c.CancellationToken);
                    return await c.Reads().LoadAsync<UserAccount>(userId, c.CancellationToken);
                });
        }
    }
}
