using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Identity.Graph;
using Platform.Api.Infrastructure;
using Platform.Contracts.Admin;
using Platform.Projections.Admin;
using Platform.Projections.Identity;

namespace Platform.Api.Admin;

public sealed record SuspendUser(Guid UserId, string Reason, Guid SuspendedBy);

public static class SuspendUserField
{
    public const int MaxReason = 500;

    public static void AddSuspendUser(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UserGraphType>>("suspendUser")
            .Description("Suspends a user platform-wide: every token of theirs is refused (UNAUTHENTICATED, with the reason) and their posts and comments are hidden.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<StringGraphType>>("reason", $"Told to the user; 1 to {MaxReason} characters.")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var userId = c.IdArgument("userId");
                await c.Commands().InvokeAsync(new SuspendUser(userId, c.GetArgument<string>("reason"), c.UserId()), c.CancellationToken);
                return await c.RequestServices!.GetRequiredService<UserLookup>().Get(userId, c.CancellationToken);
            });
}

public static class SuspendUserHandler
{
    /// <summary>Suspending twice changes nothing; nobody suspends themselves (the last admin could lock everyone out).</summary>
    public static async Task Handle(SuspendUser command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        if (await session.LoadAsync<UserAccount>(command.UserId, cancellation) is null) throw DomainException.NotFound("The user");
        if (command.UserId == command.SuspendedBy) throw DomainException.Invalid("You cannot suspend yourself.");
        var reason = command.Reason.Trim();
        if (reason.Length is 0 or > SuspendUserField.MaxReason) throw DomainException.Invalid($"Give a reason of 1 to {SuspendUserField.MaxReason} characters.");
        if (await session.LoadAsync<UserSuspension>(command.UserId, cancellation) is not null) return;
        session.Events.Append(command.UserId, new UserSuspended(command.UserId, reason, command.SuspendedBy, clock.GetUtcNow()));
    }
}
