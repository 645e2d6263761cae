using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Platform.Api.Communities;
using Platform.Contracts.Communities;
using Weasel.Core;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1's second peer: the same event a join appends (<see cref="MemberJoined"/> on a new membership stream), appended
/// by Marten alone in this process with the platform's settings (Rich appends, System.Text.Json) at 16 concurrent writers,
/// one session each: <c>FetchForWriting</c> + <c>Append</c> + <c>SaveChangesAsync</c>, no GraphQL, no Wolverine, no projections.
/// </summary>
public static class BareMarten
{
    public static async Task<(Row Row, double PerSecond)> Appends(Cluster cluster, Profile profile)
    {
        await cluster.Execute("create database bench_marten", "postgres");
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(cluster.WithDatabase("bench_marten"));
            options.DatabaseSchemaName = "bare";
            options.Events.DatabaseSchemaName = "bare";
            options.Events.AppendMode = EventAppendMode.Rich;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var community = Guid.CreateVersion7();

        var (cpu, clusterCpu) = (Process.GetCurrentProcess().TotalProcessorTime, Machine.ClusterCpuTime(cluster.PostmasterPid));
        var load = await Load.ClosedLoop(Profile.Clients, profile.WarmUp, profile.CommandDuration, async (_, _) =>
        {
            var membership = Guid.CreateVersion7();
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<Membership>(membership);
            stream.AppendOne(new MemberJoined(membership, community, Guid.CreateVersion7(), DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
            return true;
        });
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
}
