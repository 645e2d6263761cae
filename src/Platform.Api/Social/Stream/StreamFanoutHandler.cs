using JasperFx.Events;
using Marten;
using Npgsql;
using Platform.Projections.Social;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten.Subscriptions;
using Wolverine.Runtime.Handlers;

namespace Platform.Api.Social.Stream;

/// <summary>A committed event that changes feeds, to be delivered to Stream.</summary>
public sealed record FanOutToStream(Guid EventId);

/// <summary>
/// With Stream configured, committed feed events reach this handler through a Marten subscription that publishes into a
/// durable Wolverine queue (the outbox commits the message with the subscription's progress). A crash or a Stream outage
/// delays the delivery and retries it; the activity's foreign_id and time make a repeat the same activity, not a second one.
/// </summary>
public static class StreamFanoutHandler
{
    /// <summary>
    /// The feed events, and the membership changes: the embedded timeline adds joined communities when read, a Stream
    /// timeline follows their feeds on Stream's side (<see cref="TimelineFollows"/>).
    /// </summary>
    public static readonly Type[] Sources = [.. FeedActivities.Sources, .. TimelineFollows.MembershipChanges];

    /// <summary>What Stream is to do for a committed event.</summary>
    public static async Task<IReadOnlyList<FeedChange>> Changes(IEvent e, IQuerySession reads, CancellationToken cancellation) =>
        [.. await FeedActivities.For(e, reads, cancellation), .. await TimelineFollows.For(e, reads, cancellation)];

    public static void Relay(IPublishingRelay relay)
    {
        foreach (var type in Sources)
            typeof(StreamFanoutHandler).GetMethod(nameof(RelayEventsOf))!.MakeGenericMethod(type).Invoke(null, [relay]);
    }

    public static void RelayEventsOf<T>(IPublishingRelay relay) where T : notnull =>
        relay.PublishEvent<T>((e, bus) => bus.PublishAsync(new FanOutToStream(e.Id)));

    public static void Configure(HandlerChain chain) =>
        chain.OnException<HttpRequestException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));

    public static async Task Handle(FanOutToStream message, IQuerySession reads, IFeeds feeds, NpgsqlDataSource database, CancellationToken cancellation)
    {
        var e = await reads.Events.LoadAsync(message.EventId, cancellation) ?? throw new InvalidOperationException($"Event {message.EventId} is gone.");
        var changes = await Changes(e, reads, cancellation);
        await changes.ApplyTo(feeds, cancellation);
        foreach (var payload in FeedNotice.Payloads(changes))
        {
            await using var notify = database.CreateCommand("select pg_notify($1, $2)");
            notify.Parameters.Add(new NpgsqlParameter { Value = Contracts.LiveChannel.Name });
            notify.Parameters.Add(new NpgsqlParameter { Value = payload });
            await notify.ExecuteNonQueryAsync(cancellation);
        }
    }
}
