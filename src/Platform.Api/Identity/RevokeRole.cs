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

public sealed record RevokeRole(Guid UserId, Role Role, Guid? CommunityId, string Reason, Guid RevokedBy);

public static class RevokeRoleField
{
    public static void AddRevokeRole(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UserGraphType>>("revokeRole")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<EnumerationGraphType<Role>>>("role")
            .Argument<IdGraphType>("communityId")
            .Argument<NonNullGraphType<StringGraphType>>("reason", "Why: kept in the audit trail.")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var userId = c.IdArgument("userId");
                var communityId = c.GetArgument<string?>("communityId") is not null ? c.IdArgument("communityId") : (Guid?)null;
                await c.Commands().InvokeAsync(new RevokeRole(userId, c.GetArgument<Role>("role"), communityId, c.GetArgument<string>("reason"), c.UserId()),
                    c.CancellationToken);
                return await c.Reads().LoadAsync<UserAccount>(userId, c.CancellationToken);
            });
}

public static class RevokeRoleHandler
{
    public static async Task Handle(RevokeRole command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        var user = stream.Aggregate ?? throw DomainException.NotFound("The user");
        var roster = await AdminRoster.Load(session, cancellation);
        var events = Account.Revoke(command, user, roster.Admins.Count, clock.GetUtcNow());
        stream.AppendMany(events);
        if (events.Length > 0 && command.Role == Role.Admin)
        {
            roster.Admins.Remove(command.UserId);
            session.Store(roster); // optimistic concurrency: a racing revocation retries and sees this one
        }
    }
}
