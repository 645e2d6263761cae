using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Analytics;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity.Graph;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity;

/// <summary>The module's queries: the caller, their dashboard, a profile and the admin's user list.</summary>
public static class IdentityQueries
{
    public static void AddMeQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<MeGraphType>>("me").Allow(SignedIn).Resolve(c => c.Caller().Account!);

    public static void AddDashboardQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<DashboardGraphType>>("dashboard")
            .Description("One section per role the caller holds.")
            .Allow(SignedIn)
            .Resolve(c => DashboardReads.Start(c, c.Caller()));

    public static void AddProfileQuery(this ObjectGraphType query) =>
        query.Field<UserGraphType>("profile")
            .Argument<NonNullGraphType<StringGraphType>>("handle")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var handle = c.GetArgument<string>("handle").Trim().ToLowerInvariant();
                return await c.Reads().Query<UserAccount>().FirstOrDefaultAsync(u => u.Handle == handle, c.CancellationToken);
            });

    public static void AddUsersQuery(this ObjectGraphType query) =>
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
