using System.Data.Common;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Resources;
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
    /// <summary>Marten (events and documents), its async daemon in HotCold mode, and Wolverine with the Marten outbox.</summary>
    public static WebApplicationBuilder AddEventStore(this WebApplicationBuilder builder)
    {
        // Marten opens a pooled connection for each query outside a transaction, so a request checks out several; Npgsql would
        // send DISCARD ALL on each return (10 per join, 27 per completed lesson in the bench). Nothing here leaves session
        // state on a pooled connection (no SET, no temporary tables; the daemon's and Wolverine's advisory locks live on
        // connections held open and are released before they close), so skip the reset unless the connection string asks
        // for it. This one data source serves Marten's sessions, its daemon and Wolverine's message store alike.
        builder.Services.AddNpgsqlDataSource(WithoutPoolResets(PlatformOptions.ConnectionString(builder.Configuration)));
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = "platform";
                options.Events.DatabaseSchemaName = "platform";
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                // Rich appends give inline work real versions and sequences, and let commands append with an expected version.
                options.Events.AppendMode = EventAppendMode.Rich;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Events.EnableUniqueIndexOnEventId = true;
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
            .AddAsyncDaemon(DaemonMode.HotCold)
            .IntegrateWithWolverine();

        builder.Host.UseWolverine(options =>
        {
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            options.Policies.UseDurableOutboxOnAllSendingEndpoints();
            // Two commands on one stream at once: the loser decides again on fresh state before it reports a conflict.
            options.OnException<ConcurrencyException>().Or<Marten.Exceptions.ExistingStreamIdCollisionException>().RetryWithCooldown(
                TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(200));
            options.EnableRelayOfUserName = true; // the caller's user id lands in each event's user_name metadata
            options.MetadataRules.Add(new AuditEnvelopeRule()); // queued and scheduled work keeps the source that sent it
            options.Policies.AddMiddleware(typeof(AuditMiddleware));
            options.Services.AddResourceSetupOnStartup();
            // A node that dies holds its acknowledged work (webhooks answered 2xx, queued commands) until the others see it is gone.
            // Wolverine's defaults (a 10 s heartbeat, stale after 1 min, ejected on the second stale look) kept it a minute and more;
            // a 1 s heartbeat, stale after 4 s and a 1 s orphan sweep hand it to a live node within 10 s. Handlers are safe to repeat,
            // so a node wrongly thought dead costs only a repeat.
            options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
            options.Durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(1);
            options.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(4);
            options.Durability.OrphanedMessageSweepPollingTime = TimeSpan.FromSeconds(1);
            options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(2);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<EventTableStatistics>();
        builder.Services.AddSingleton<ReadYourWrites>();
        builder.Services.ConfigureMarten((services, options) => options.Listeners.Add(services.GetRequiredService<ReadYourWrites>().Listener));
        return builder;
    }

    /// <summary>
    /// The connection string with <c>No Reset On Close</c> unless it names that setting itself. (Npgsql's builder answers
    /// <c>ContainsKey</c> for every keyword it knows, so the string's own keys are read with the plain builder.)
    /// </summary>
    public static string WithoutPoolResets(string connectionString)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(key => key.Replace(" ", "").Equals("NoResetOnClose", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }
}
