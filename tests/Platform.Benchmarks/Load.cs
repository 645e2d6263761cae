using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>
/// Latencies in milliseconds with exact percentiles: every sample is kept (a run records at most ~10^5),
/// so no histogram buckets round the tail.
/// </summary>
public sealed class Samples
{
    private readonly List<double> values = [];

    public void Add(double milliseconds)
    {
        lock (values) values.Add(milliseconds);
    }

    public int Count
    {
        get { lock (values) return values.Count; }
    }

    /// <summary>Nearest-rank percentile (p in 0..100); NaN when nothing was recorded.</summary>
    public double Percentile(double p)
    {
        lock (values)
        {
            if (values.Count == 0) return double.NaN;
            values.Sort();
            var rank = (int)Math.Ceiling(p / 100 * values.Count);
            return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
        }
    }
}

/// <summary>
/// What a run did: operations counted after the warm-up, failures, their latencies and how long the measured part took;
/// <see cref="Sent"/> counts every measured request, failed ones included (what the database and the API did work for).
/// </summary>
public sealed record LoadResult(int Operations, int Errors, TimeSpan Elapsed, Samples Latency, string? FirstError, int Sent)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>The row an open-loop query scenario reports: rate, latency percentiles, requests and errors.</summary>
    public Row QueryRow(string name) => new(name, new()
    {
        ["per s"] = PerSecond,
        ["p50 ms"] = Latency.Percentile(50),
        ["p99 ms"] = Latency.Percentile(99),
        ["p99.9 ms"] = Latency.Percentile(99.9),
        ["max ms"] = Latency.Percentile(100),
        ["requests"] = Operations,
        ["errors"] = Errors,
    });
}

public static class Load
{
    /// <summary>
    /// Closed loop: <paramref name="clients"/> callers, each sending its next request when the last one answered, until
    /// <paramref name="warmedUp"/> completes and <paramref name="duration"/> after it, or until every caller's work runs out
    /// (<paramref name="operation"/>(client, n) returns false). Measures capacity; requests started in the warm-up are neither
    /// counted nor in <see cref="LoadResult.Sent"/>.
    /// </summary>
    public static async Task<LoadResult> ClosedLoop(int clients, Task warmedUp, TimeSpan duration, Func<int, int, Task<bool>> operation)
    {
        var latency = new Samples();
        int operations = 0, errors = 0, sent = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var measuredFromTicks = long.MaxValue; // set once, when the warm-up ends
        var measuring = warmedUp.ContinueWith(_ => Volatile.Write(ref measuredFromTicks, clock.Elapsed.Ticks), TaskScheduler.Default);
        var measuredUntil = TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; Volatile.Read(ref measuredFromTicks) is var from && (from == long.MaxValue || clock.Elapsed.Ticks < from + duration.Ticks); n++)
            {
                var start = clock.Elapsed;
                var measured = start.Ticks >= Volatile.Read(ref measuredFromTicks);
                bool more;
                try { more = await operation(client, n); }
                catch (Exception e)
                {
                    if (measured)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.Increment(ref sent);
                    }
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                    continue;
                }
                if (!more) break;
                if (!measured) continue;
                Interlocked.Increment(ref sent);
                var done = clock.Elapsed;
                latency.Add((done - start).TotalMilliseconds);
                Interlocked.Increment(ref operations);
                lock (latency) if (done > measuredUntil) measuredUntil = done;
            }
        })));
        await measuring;
        return new LoadResult(operations, errors, measuredUntil - TimeSpan.FromTicks(measuredFromTicks), latency, firstError, sent);
    }

    /// <summary>Open loop at <paramref name="rate"/> for <paramref name="duration"/>, measured: see <see cref="OpenLoop(double, Func{int, bool}, Func{Task})"/>.</summary>
    public static Task<LoadResult> OpenLoop(double rate, TimeSpan duration, Func<Task> operation)
    {
        var count = (int)(rate * duration.TotalSeconds);
        return OpenLoop(rate, i => i < count, operation);
    }

    /// <summary>Open loop at <paramref name="rate"/> until <paramref name="warmedUp"/> completes: a warm-up, not measured.</summary>
    public static Task OpenLoop(double rate, Task warmedUp, Func<Task> operation) => OpenLoop(rate, _ => !warmedUp.IsCompleted, operation);

    /// <summary>
    /// Open loop: requests are due at a constant <paramref name="rate"/> whether or not earlier ones answered, and each latency
    /// runs from the moment the request was due, so a stalled server (or client) shows in the tail instead of hiding
    /// (no coordinated omission). Request i is sent while <paramref name="more"/>(i) holds.
    /// </summary>
    private static async Task<LoadResult> OpenLoop(double rate, Func<int, bool> more, Func<Task> operation)
    {
        var latency = new Samples();
        int operations = 0, errors = 0;
        string? firstError = null;
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; more(i); i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await operation();
                    latency.Add((clock.Elapsed - due).TotalMilliseconds);
                    Interlocked.Increment(ref operations);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }));
        }
        await Task.WhenAll(inFlight);
        return new LoadResult(operations, errors, clock.Elapsed, latency, firstError, operations + errors);
    }
}
