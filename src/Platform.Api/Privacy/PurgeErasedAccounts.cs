using Marten;
using Platform.Contracts.Chat;
using Platform.Contracts.Privacy;
using Platform.Projections.Chat;
using Platform.Projections.Identity;
using Wolverine;

namespace Platform.Api.Privacy;

/// <summary>The daily retention sweep; a scheduled run schedules the next day's.</summary>
public sealed record PurgeErasedAccounts(bool Scheduled) : Audit.IAuditedAs
{
    public string? AuditedAs => Audit.AuditContext.Schedule("erased-account-retention");
}

/// <summary>
/// Each account erased longer ago than the retention setting, once: their posts, comments and messages that are still shown are
/// removed (events the projections take, as a creator's removal would be), then the events they caused are deleted, except money
/// events (accounting law), the privacy records (erasure, exports) and the first event of a stream other people wrote to too
/// (so every stream keeps its start and rebuilds stay whole). <c>ErasedAccountPurged</c> records the count, by the schedule.
/// </summary>
public static class PurgeErasedAccountsHandler
{
    public const int PerRun = 50;

    /// <summary>Marten archives a stream (it stays, flagged) or compacts one aggregate's; neither reaches one person's events across streams, so plain SQL does.</summary>
    private const string Theirs =
        "from platform.mt_events e where e.user_name = ? and not (e.mt_dotnet_type like any(?)) and not (e.version = 1 and exists " +
        "(select 1 from platform.mt_events o where o.stream_id = e.stream_id and o.user_name is distinct from e.user_name and o.user_name is distinct from ?))";

    public static async Task<int> Handle(PurgeErasedAccounts message, IDocumentSession session, PrivacyOptions options, IMessageContext messages,
        TimeProvider clock, ILogger<PurgeErasedAccounts> logger, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var days = (await session.Events.FetchLatest<ErasedAccountRetention>(ErasedAccountRetention.StreamId, cancellation))?.Days ?? options.ErasedAccountRetentionDays;
        var before = ErasedAccountRetention.ErasedBefore(days, now);
        var erased = await session.Query<UserAccount>().Where(u => u.ErasedAt != null && u.ErasedAt <= before).Select(u => u.Id).ToListAsync(cancellation);
        var purged = (await session.Events.QueryRawEventDataOnly<ErasedAccountPurged>().Where(p => p.UserId.IsOneOf(erased.ToArray())).ToListAsync(cancellation))
            .Select(p => p.UserId).ToHashSet();
        var due = erased.Where(u => !purged.Contains(u)).Take(PerRun).ToList();
        foreach (var userId in due) await Purge(session, messages, userId, days, now, cancellation);
        if (due.Count > 0) logger.LogInformation("Retention: purged {Count} erased accounts older than {Days} days", due.Count, days);
        if (message.Scheduled) await messages.ScheduleAsync(new PurgeErasedAccounts(Scheduled: true), now.AddDays(1));
        return due.Count;
    }

    private static async Task Purge(IDocumentSession session, IMessageContext messages, Guid userId, int days, DateTimeOffset now, CancellationToken cancellation)
    {
        await EraseAccountHandler.RemoveContent(session, messages, userId, Guid.Empty, everywhere: true, now, cancellation);
        foreach (var sent in await session.Query<ChatMessage>().Where(m => m.SenderId == userId && m.DeletedAt == null).ToListAsync(cancellation))
            session.Events.Append(sent.Id, new MessageDeleted(sent.Id, sent.ConversationId, Guid.Empty, now));
        object[] parameters = [userId.ToString(), ErasedAccountRetention.KeptNamespaces.Select(n => n + "%").ToArray(), Audit.AuditContext.Schedule("erased-account-retention")];
        var removed = (await session.QueryAsync<int>($"select count(*)::int {Theirs}", cancellation, parameters)).Single();
        session.QueueSqlCommand($"delete {Theirs}", parameters);
        session.Events.Append(userId, new ErasedAccountPurged(userId, removed, days, now));
    }
}

/// <summary>Starts the daily sweep once per database, whichever node starts first.</summary>
public sealed class RetentionScheduleStarter(IDocumentStore store, IServiceScopeFactory scopes, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Payouts.SchedulesStarted>("erased-account-retention", cancellationToken) is not null) return;
        session.Insert(new Payouts.SchedulesStarted("erased-account-retention", clock.GetUtcNow()));
        try { await session.SaveChangesAsync(cancellationToken); }
        catch (Exception e) when (Commerce.ProviderEventInboxHandler.IsDuplicate(e)) { return; }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageContext>().ScheduleAsync(new PurgeErasedAccounts(Scheduled: true), clock.GetUtcNow().AddDays(1));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
