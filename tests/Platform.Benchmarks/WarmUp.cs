using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>
/// A load's warm-up lasts until the measured process's JIT has gone quiet. The API runs ReadyToRun code and .NET recompiles the hot
/// methods of each new path at its optimising tier (twice, with dynamic PGO) on one background thread; at the bench's rates that went
/// on for 20 s and more after a page's first request (42 % of the API's samples in a `perf` profile of the feed page's first 25 s at
/// 80/s), so a fixed 3 s warm-up charged a one-off cost, which a running service paid long ago, to the first phases' CPU per request.
/// </summary>
public static class WarmUp
{
    /// <summary>The tiered-compilation worker's thread name, as /proc shortens it to 15 characters.</summary>
    private const string TieringThread = ".NET Tiered Com";

    /// <summary>Less than this in a second is quiet: two clock ticks, what the worker spends on a stray method or two.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(20);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);

    /// <summary>Completes once <paramref name="shortest"/> has passed and the process compiled (almost) nothing in the last second; at most <see cref="Longest"/>.</summary>
    public static async Task<TimeSpan> UntilJitQuiet(int pid, TimeSpan shortest)
    {
        var clock = Stopwatch.StartNew();
        var before = Machine.ThreadCpuTimes(pid, TieringThread);
        while (clock.Elapsed < Longest)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Machine.ThreadCpuTimes(pid, TieringThread);
            // The worker exits when idle and a new one starts when work comes: count each thread's own growth.
            var compiling = now.Sum(t => (t.Value - before.GetValueOrDefault(t.Key)).TotalMilliseconds);
            before = now;
            if (compiling < Quiet.TotalMilliseconds && clock.Elapsed >= shortest) break;
        }
        Console.Error.WriteLine($"    warmed up in {clock.Elapsed.TotalSeconds:0} s");
        return clock.Elapsed;
    }
}
