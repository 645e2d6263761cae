using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity.Graph;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity;

public sealed record GrantRole(Guid UserId, Role Role, Guid? CommunityId, string Reason, Guid GrantedBy);

public static class GrantRoleField
{
    public static void AddGrantRole(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UserGraphType>>("grantRole")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<EnumerationGraphType<Role>>>("role")
            .Argument<IdGraphType>("communityId")
            .Argument<NonNullGraphType<StringGraphType>>("reason", "Why: kept in the audit trail.")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var userId = c.IdArgument("userId");
                var communityId = c.GetArgument<string?>("communityId") is not null ? c.IdArgument("communityId") : (Guid?)null;
                await c.Commands().InvokeAsync(new GrantRole(userId, c.GetArgument<Role>("role"), communityId, c.GetArgument<string>("reason"), c.UserId()),
                    c.CancellationToken);
                return await c.Reads().LoadAsync<UserAccount>(userId, c.CancellationToken);
            });
}

public static class GrantRoleHandler
{
    /// <summary>A new admin joins the roster that guards the last admin.</summary>
    public static async Task Handle(GrantRole command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        var user = stream.Aggregate ?? throw DomainException.NotFound("The user");
        var communityExists = command.CommunityId is { } id && await session.Events.FetchLatest<Communities.Community>(id, cancellation) is not null;
        var events = Account.Grant(command, user, communityExists, clock.GetUtcNow());
        stream.AppendMany(events);
        if (events.Length > 0 && command.Role == Role.Admin) await AdminRoster.Add(session, command.UserId, cancellation);
    }
}
