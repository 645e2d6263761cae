using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

/// <summary>Marks the caller's notifications up to a moment as read; none means up to now.</summary>
public sealed record MarkNotificationsRead(Guid UserId, DateTimeOffset? UpTo);

public static class MarkNotificationsReadField
{
    public static void AddMarkNotificationsRead(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<NotificationStateGraphType>>("markNotificationsRead")
            .Description("Marks the caller's notifications up to a moment (default: now) as read.")
            .Argument<DateTimeOffsetGraphType>("upTo")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                await c.Commands().InvokeAsync(new MarkNotificationsRead(c.UserId(), c.GetArgument<DateTimeOffset?>("upTo")), c.CancellationToken);
                return await SocialReads.NotificationStateOf(c);
            });
}

public static class MarkNotificationsReadHandler
{
    public static async Task Handle(MarkNotificationsRead command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<NotificationsMarker>(DeterministicId.Notifications(command.UserId), cancellation);
        stream.AppendMany(NotificationsMarker.MarkRead(stream.Aggregate, command, clock.GetUtcNow()));
    }
}
