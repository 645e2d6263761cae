using Marten;
using Platform.Api.Payouts;
using Platform.Contracts;
using Platform.Contracts.Mail;
using Platform.Projections.Identity;
using Platform.Projections.Social;
using Wolverine;

namespace Platform.Api.Mail;

/// <summary>The digest schedule's tick: a Wolverine scheduled message that finds the digests owed and schedules the next tick.</summary>
public sealed record SendDueDigests;

/// <summary>One member's digest for one period.</summary>
public sealed record ComposeDigest(Guid UserId, DigestFrequency Frequency, string Period, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// The record that a member's digest for a period was decided (sent, or found empty). Its id is the member and the period, and it
/// commits in the same transaction as the mail it sends (through the outbox): a rerun, a redelivery or a second node finds it and
/// sends nothing, and a crash before the commit loses neither.
/// </summary>
public sealed record DigestSent(Guid Id, Guid UserId, string Period, DateTimeOffset From, DateTimeOffset To, int Items, DateTimeOffset DecidedAt)
{
    public static Guid IdOf(Guid userId, string period) => DeterministicId.From("digest", userId.ToString(), period);
}

public static class SendDigestsHandler
{
    /// <summary>A digest looks back to the member's last one, but never further than this.</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(28);

    public static async Task<OutgoingMessages> Handle(SendDueDigests tick, IDocumentSession session, IMessageContext messages, TimeProvider clock,
        ILogger<ComposeDigest> log, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await messages.ScheduleAsync(new SendDueDigests(), DigestSchedule.NextTick(now));
        var subscribers = await session.Query<NotificationPreferences>().Where(p => p.Digest != DigestFrequency.Never).ToListAsync(cancellation);
        var owed = subscribers.Select(p => (p.UserId, p.Digest, Period: DigestSchedule.Owed(p, now))).Where(x => x.Period is not null).ToList();
        var decided = (await session.LoadManyAsync<DigestSent>(cancellation, owed.Select(x => DigestSent.IdOf(x.UserId, x.Period!.Key)).ToArray()))
            .Select(d => d.Id).ToHashSet();
        var outgoing = new OutgoingMessages();
        outgoing.AddRange(owed.Where(x => !decided.Contains(DigestSent.IdOf(x.UserId, x.Period!.Key)))
            .Select(x => new ComposeDigest(x.UserId, x.Digest, x.Period!.Key, x.Period.From, x.Period.To)));
        if (outgoing.Count > 0) log.LogInformation("{DigestCount} digests owed at {Now}", outgoing.Count, now);
        return outgoing;
    }

    public static async Task<OutgoingMessages> Handle(ComposeDigest digest, IDocumentSession session, IFeeds feeds, AppLinks links, TimeProvider clock,
        CancellationToken cancellation)
    {
        var id = DigestSent.IdOf(digest.UserId, digest.Period);
        if (await session.LoadAsync<DigestSent>(id, cancellation) is not null) return [];
        // The member may have changed the digest or unsubscribed since the tick: the next tick decides for the new setting.
        var preferences = await UpdateNotificationPreferencesHandler.Current(session, digest.UserId, cancellation);
        if (preferences.Digest != digest.Frequency) return [];
        var last = await session.Query<DigestSent>().Where(d => d.UserId == digest.UserId).OrderByDescending(d => d.To).FirstOrDefaultAsync(cancellation);
        var since = new[] { last?.To ?? digest.From, digest.To - MaxLookBack }.Max();
        var member = await session.LoadAsync<UserAccount>(digest.UserId, cancellation);
        var items = member is { Email.Length: > 0, ErasedAt: null }
            ? await DigestContents.For(session, feeds, member, new DigestPeriod(digest.Period, digest.From, digest.To), since,
                DigestSchedule.Zone(preferences.DigestTimeZone), cancellation)
            : [];
        session.Insert(new DigestSent(id, digest.UserId, digest.Period, since, digest.To, items.Count, clock.GetUtcNow()));
        if (items.Count == 0) return [];
        var period = digest.Frequency == DigestFrequency.Weekly ? "weekly" : "daily";
        return [new SendMail(DeterministicId.From("mail", "digest", id.ToString()), member!.Email!, MailTemplates.Digest(period, items, links.Notifications),
            digest.UserId, null)];
    }
}

/// <summary>Starts the digest schedule once per database, whichever node starts first; each tick schedules the next.</summary>
public sealed class DigestScheduleStarter(IDocumentStore store, IServiceScopeFactory scopes, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await SchedulesStarted.FirstToStart(store, "digests", clock, cancellationToken)) return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageContext>().ScheduleAsync(new SendDueDigests(), DigestSchedule.NextTick(clock.GetUtcNow()));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
