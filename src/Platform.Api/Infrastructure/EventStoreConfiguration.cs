using System.Data.Common;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Npgsql;
using Platform.Api.Audit;
using Platform.Api.Live;
using Platform.Projections;
using Wolverine;
using Wolverine.ErrorHandling;
using Weasel.Core;
using Wolverine.Marten;

namespace Platform.Api.Infrastructure;

public static class EventStoreConfiguration
{
    /// <summary>Marten (events and documents), its async projections spread over the nodes by Wolverine, and Wolverine with the Marten outbox.</summary>
    /// <param name="replaying">The process rebuilds projections (see <see cref="PooledConnectionString"/>).</param>
    public static WebApplicationBuilder AddEventStore(this WebApplicationBuilder builder, bool replaying)
    {
        // Marten opens a pooled connection for each query outside a transaction, so a request checks out several; Npgsql would
        // send DISCARD ALL on each return (10 per join, 27 per completed lesson in the bench). Nothing here leaves session
        // state on a pooled connection (no SET, no temporary tables; the daemon's and Wolverine's advisory locks live on
        // connections held open and are released before they close), so skip the reset unless the connection string asks
        // for it. Without the reset, a connection also keeps its prepared statements: Marten's SQL is the same text for every
        // call of a query (values are all parameters), so Npgsql prepares a statement on its second use and PostgreSQL stops
        // parsing and planning it on each call. This one data source serves Marten's sessions, its daemon and Wolverine's
        // message store alike.
        builder.Services.AddNpgsqlDataSource(PooledConnectionString(PlatformOptions.ConnectionString(builder.Configuration), replaying));
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = "platform";
                options.UsePlatformEvents();
                // A full apply reads the catalogue of every table and index: most of a warm start. Weasel stamps a hash of the
                // expected DDL after an apply and skips the next one when the hash matches, so an unchanged schema costs one select.
                // Any change to the configured schema changes the hash and applies in full; DDL run by hand is not detected.
                options.Advanced.Migrator.UseSchemaFingerprinting = true;
                // The daemon's high-water agent finds new events by polling: by default 250 ms after it moved and 1 s after it found
                // nothing new or a gap (a transaction still holding a lower sequence, which is the usual case under concurrent
                // commands). That 1 s was the async read models' lag under load (scenario 3 of the bench). Polling every 50 ms, and
                // 100 ms when idle, costs ten cheap queries a second; Marten's NOTIFY per append would wake it at once, but every
                // notifying transaction holds PostgreSQL's global notify lock until its commit is flushed, serialising commits
                // (live events already do for the commands that publish them; this would for every append).
                options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
                options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);
                options.Listeners.Add(new LiveEventNotifier());
                options.Listeners.Add(new AuditStamp()); // actor and source of every appended event
                options.AddPlatformProjections(embeddedFeeds: Social.SocialConfiguration.FeedsProvider(builder.Configuration) == "embedded", TimeProvider.System);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // Wolverine's leader spreads the async projections and subscriptions over the live nodes, one node each, and moves a dead
            // node's share (timings in Cluster/ClusterConfiguration). It replaces Marten's HotCold election, whose advisory locks a
            // database restart drops while the old daemon runs on: two nodes then advance one shard and it stops for good (marten#3789).
            .IntegrateWithWolverine(integration => integration.UseWolverineManagedEventSubscriptionDistribution = true);

        builder.Host.UseWolverine(options =>
        {
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            options.Policies.UseDurableOutboxOnAllSendingEndpoints();
            // Two commands on one stream at once: the loser decides again on fresh state before it reports a conflict.
            options.OnException(LostRace).RetryWithCooldown(
                TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(200));
            // The database gone for a moment (restarted, failed over): queued work waits for it instead of going to the dead letters,
            // where an acknowledged refund sat unsent after a crash in the fault suite. In memory first (the envelope cannot be
            // rescheduled while the database is away), about 40 s in all, then rescheduled.
            options.OnException(DatabaseUnavailable).RetryWithCooldown(
                    TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5),
                    TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20))
                .Then.ScheduleRetry(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30));
            options.EnableRelayOfUserName = true; // the caller's user id lands in each event's user_name metadata
            options.MetadataRules.Add(new AuditEnvelopeRule()); // queued and scheduled work keeps the source that sent it
            options.Policies.AddMiddleware(typeof(AuditMiddleware));
            // No AddResourceSetupOnStartup(): Marten applies its schema at start (ApplyAllDatabaseChangesOnStartup, below the
            // fingerprint) and Wolverine migrates its envelope tables when it starts (AutoBuildMessageStorageOnStartup); the
            // resource setup only repeated both, and Wolverine's half (nine tables, eight catalogue queries each) is not fingerprinted.
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<EventTableStatistics>();
        builder.Services.AddSingleton<ReadYourWrites>();
        builder.Services.ConfigureMarten((services, options) => options.Listeners.Add(services.GetRequiredService<ReadYourWrites>().Listener));
        return builder;
    }

    /// <summary>
    /// A command lost a race on its stream: another appended first, or started the same stream. Wolverine decides it again on
    /// the fresh state (the retry policy above), so a lost race is routine: the log leaves out each attempt's failure
    /// (<see cref="LoggingConfiguration.Routine"/>) and keeps the outcome.
    /// </summary>
    public static bool LostRace(Exception exception) =>
        exception is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException;

    /// <summary>A failure that says the database could not be reached or went away, anywhere in the exception's chain.</summary>
    public static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } or PostgresException { SqlState: "57P01" or "57P02" or "57P03" }) return true;
        return false;
    }

    /// <summary>
    /// The event store as the platform shapes it: its tables (schema, metadata columns, indexes), append mode and serializer.
    /// The bench's bare-Marten peer describes the same tables with it, so neither store finds anything in them to migrate.
    /// </summary>
    public static StoreOptions UsePlatformEvents(this StoreOptions options)
    {
        options.Events.DatabaseSchemaName = "platform";
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        // Rich appends give inline work real versions and sequences, and let commands append with an expected version.
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.EnableUniqueIndexOnEventId = true;
        // An index on (type, seq_id): most projections read a few event types, and without it each one's rebuild (and a new
        // projection's catch-up) walks every event in sequence order to find them. One more index entry per append.
        options.Events.EnableEventTypeIndex = true;
        return options;
    }

    /// <summary>
    /// The connection string with <c>No Reset On Close</c> and automatic preparation (<c>Max Auto Prepare</c>, <c>Auto Prepare
    /// Min Usages</c>), each unless the string names that setting itself. (Npgsql's builder answers <c>ContainsKey</c> for every
    /// keyword it knows, so the string's own keys are read with the plain builder.)
    /// <paramref name="replaying"/> (a rebuild, reading every event into emptied read models) also has PostgreSQL plan each
    /// execution of a prepared statement for its own values. After a few pages it would otherwise settle on a generic plan,
    /// made without them: for the daemon's page query (events with <c>seq_id</c> between two parameters, joined to their
    /// streams) that hashed every stream for every page, 3.8 s a page in the bench where a plan for the page's range takes
    /// about 15 ms.
    /// </summary>
    public static string PooledConnectionString(string connectionString, bool replaying = false)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pooled = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("NoResetOnClose")) pooled.NoResetOnClose = true;
        // Enough for every statement of the hot paths on each connection; the least used is replaced when a new one qualifies.
        if (!written.Contains("MaxAutoPrepare")) pooled.MaxAutoPrepare = 256;
        if (!written.Contains("AutoPrepareMinUsages")) pooled.AutoPrepareMinUsages = 2;
        if (replaying) pooled.Options = $"{pooled.Options} -c plan_cache_mode=force_custom_plan".Trim();
        return !replaying && written.IsSupersetOf(["NoResetOnClose", "MaxAutoPrepare", "AutoPrepareMinUsages"]) ? connectionString : pooled.ConnectionString;
    }
}
