using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Identity.Graph;
using Platform.Api.Infrastructure;
using Platform.Contracts.Admin;
using Platform.Projections.Admin;

namespace Platform.Api.Admin;

public sealed record UnsuspendUser(Guid UserId, Guid UnsuspendedBy);

public static class UnsuspendUserField
{
    public static void AddUnsuspendUser(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UserGraphType>>("unsuspendUser")
            .Description("Restores a suspended user: their tokens work again and their content is visible again.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var userId = c.IdArgument("userId");
                await c.Commands().InvokeAsync(new UnsuspendUser(userId, c.UserId()), c.CancellationToken);
                return await c.RequestServices!.GetRequiredService<UserLookup>().Get(userId, c.CancellationToken);
            });
}

public static class UnsuspendUserHandler
{
    public static async Task Handle(UnsuspendUser command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        if (await session.LoadAsync<UserSuspension>(command.UserId, cancellation) is null)
            throw DomainException.Conflict("That user is not suspended.");
        session.Events.Append(command.UserId, new UserUnsuspended(command.UserId, command.UnsuspendedBy, clock.GetUtcNow()));
    }
}
