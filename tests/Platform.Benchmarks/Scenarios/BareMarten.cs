using System.Diagnostics;
using JasperFx.Events;
using Marten;
using JasperFx.Events.Projections;
using Marten.Events.Aggregation;
using Platform.Api.Communities;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;
using Weasel.Core;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The bare-Marten peers. Scenario 1's second peer: the same event a join appends (<see cref="MemberJoined"/> on a new membership stream), appended
/// by Marten alone in this process with the platform's settings (Rich appends, System.Text.Json, the pooled connections' settings) at 16 concurrent writers,
/// one session each: <c>FetchForWriting</c> + <c>Append</c> + <c>SaveChangesAsync</c>, no GraphQL, no Wolverine, no projections.
/// Scenario 6's peer (<see cref="Rebuild"/>): Marten's own rebuild of one minimal single-stream projection over the events the
/// API's rebuild reads.
/// </summary>
public static class BareMarten
{
    public static async Task<(Row Row, double PerSecond)> Appends(Cluster cluster, Profile profile)
    {
        await cluster.Execute("create database bench_marten", "postgres");
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(EventStoreConfiguration.PooledConnectionString(cluster.WithDatabase("bench_marten"))); // the API's pool settings
            options.DatabaseSchemaName = "bare";
            options.Events.DatabaseSchemaName = "bare";
            options.Events.AppendMode = EventAppendMode.Rich;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var community = Guid.CreateVersion7();

        // Measured as the API's commands are: from when this process's JIT has gone quiet.
        var warmedUp = WarmUp.UntilJitQuiet(Environment.ProcessId, profile.WarmUp);
        var measuring = warmedUp.ContinueWith(_ => (Process.GetCurrentProcess().TotalProcessorTime, Machine.ClusterCpuTime(cluster.PostmasterPid)), TaskScheduler.Default);
        var load = await Load.ClosedLoop(Profile.Clients, warmedUp, profile.CommandDuration, async (_, _) =>
        {
            var membership = Guid.CreateVersion7();
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<Membership>(membership);
            stream.AppendOne(new MemberJoined(membership, community, Guid.CreateVersion7(), DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
            return true;
        });
        var (cpu, clusterCpu) = await measuring;
        var per = Math.Max(load.Sent, 1);
        return (new Row($"bare Marten append (FetchForWriting + Append + SaveChangesAsync), {Profile.Clients} writers", new()
        {
            ["per s"] = load.PerSecond,
            ["p50 ms"] = load.Latency.Percentile(50),
            ["p99 ms"] = load.Latency.Percentile(99),
            ["errors"] = load.Errors,
            ["client CPU ms/op"] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / per,
            ["PG CPU ms/op"] = (Machine.ClusterCpuTime(cluster.PostmasterPid) - clusterCpu).TotalMilliseconds / per,
        }), load.PerSecond);
    }

    public const string RebuildProjection = "BareMembership";

    /// <summary>
    /// Rebuilds <see cref="BareMembershipProjection"/> in this process from the platform's event tables (its own table lives in a
    /// schema of its own); no host, no Wolverine, one projection instead of the platform's dozens. Returns its wall and CPU time.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> Rebuild(string connectionString)
    {
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(EventStoreConfiguration.PooledConnectionString(connectionString, replaying: true)); // as the API's rebuild connects
            options.DatabaseSchemaName = "bare_rebuild";
            options.UsePlatformEvents(); // the API's event tables, as the API describes them
            options.Projections.Add<BareMembershipProjection>(ProjectionLifecycle.Async);
        });
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(BareMembership));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(RebuildProjection, TimeSpan.FromMinutes(10), CancellationToken.None);
        return (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}

/// <summary>A membership reduced to what its events say: how often it joined, and whether it is active now.</summary>
public sealed class BareMembership
{
    public Guid Id { get; set; }
    public int Joins { get; set; }
    public bool Active { get; set; }
}

public sealed partial class BareMembershipProjection : SingleStreamProjection<BareMembership, Guid>
{
    public BareMembershipProjection() => Name = BareMarten.RebuildProjection;

    public static BareMembership Create(MemberJoined e) => new() { Id = e.MembershipId, Joins = 1, Active = true };

    public static void Apply(MemberJoined e, BareMembership membership) => (membership.Joins, membership.Active) = (membership.Joins + 1, true);

    public static void Apply(MemberLeft e, BareMembership membership) => membership.Active = false;
}
