using System.Diagnostics;
using System.Text.Json;
using Platform.Benchmarks;

namespace Platform.Faults;

/// <summary>
/// The API nodes on the one database, each its own process (<see cref="ApiProcess"/>) with its own log. A killed node is
/// started again on a new port; the traffic asks for a live node before each operation.
/// </summary>
public sealed class Nodes(Workspace workspace, string connectionString) : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<int, (ApiProcess Api, GraphQLApi Client)> live = [];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Starts node <paramref name="number"/> and waits until it is ready; how long that took.</summary>
    public async Task<TimeSpan> Start(int number)
    {
        var (api, ready) = await ApiProcess.Start(workspace with { LogName = $"api{number}.log" }, connectionString);
        lock (gate) live[number] = (api, new GraphQLApi(api.Url, workspace.KeyPath));
        return ready;
    }

    /// <summary><c>kill -9</c>: no drain, no goodbye; whatever it held (locks, open transactions) is left to the others.</summary>
    public async Task Kill(int number)
    {
        (ApiProcess Api, GraphQLApi Client) node;
        lock (gate)
        {
            node = live[number];
            live.Remove(number);
        }
        await Machine.Run("kill", $"-9 {node.Api.Pid}");
        await node.Api.DisposeAsync();
        node.Client.Dispose();
    }

    public IReadOnlyList<int> Numbers
    {
        get { lock (gate) return [.. live.Keys.Order()]; }
    }

    /// <summary>A live node (its address and GraphQL client), chosen at random so the traffic spreads; null while none is up.</summary>
    public (string Url, GraphQLApi Client)? Any()
    {
        lock (gate)
        {
            if (live.Count == 0) return null;
            var node = live.Values.ElementAt(Random.Shared.Next(live.Count));
            return (node.Api.Url, node.Client);
        }
    }

    public GraphQLApi Client(int number)
    {
        lock (gate) return live[number].Client;
    }

    /// <summary>
    /// What each live node's readiness says it runs: whether it leads (Wolverine's leader, which assigns the work) and the async
    /// projections and subscriptions it runs (<c>…/all</c>).
    /// </summary>
    public async Task<Dictionary<int, (bool Leads, string[] Projections)>> Work()
    {
        var work = new Dictionary<int, (bool, string[])>();
        foreach (var number in Numbers)
        {
            string url;
            lock (gate)
            {
                if (!live.TryGetValue(number, out var node)) continue;
                url = node.Api.Url;
            }
            try
            {
                var report = JsonDocument.Parse(await http.GetStringAsync($"{url}/health/ready")).RootElement;
                var leads = report.TryGetProperty("leader", out var leader) && leader.GetBoolean();
                string[] projections = report.TryGetProperty("agents", out var agents)
                    ? [.. agents.EnumerateArray().Select(a => a.GetString()!).Where(a => a.EndsWith("/all"))]
                    : [];
                work[number] = (leads, projections);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException) { } // not answering: runs nothing
        }
        return work;
    }

    /// <summary>
    /// Waits until a node other than <paramref name="killed"/> leads and the live nodes run <paramref name="projections"/> async
    /// projections and subscriptions again; the time since the kill, or null after <paramref name="patience"/>.
    /// </summary>
    public async Task<TimeSpan?> TakenOver(int killed, int projections, Stopwatch since, TimeSpan patience)
    {
        while (since.Elapsed < patience)
        {
            var work = await Work();
            if (work.Any(w => w.Key != killed && w.Value.Leads) && work.Values.SelectMany(w => w.Projections).Distinct().Count() >= projections)
                return since.Elapsed;
            await Task.Delay(100);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var number in Numbers)
        {
            var node = live[number];
            await node.Api.DisposeAsync();
            node.Client.Dispose();
        }
        http.Dispose();
    }
}
