using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Benchmarks;

/// <summary>What /proc says about this machine and its processes (Linux only, like the rest of the bench).</summary>
public static class Machine
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the platform runs on

    /// <summary>CPU time (user + system) a live process has used so far.</summary>
    public static TimeSpan CpuTime(int pid) => StatFields(pid) is { } fields ? Ticks(fields, 11, 12) : TimeSpan.Zero;

    /// <summary>CPU time each live thread of a process whose name starts with <paramref name="name"/> has used so far, by thread id.</summary>
    public static Dictionary<int, TimeSpan> ThreadCpuTimes(int pid, string name)
    {
        var times = new Dictionary<int, TimeSpan>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var open = stat.IndexOf('(');
                    if (!stat[(open + 1)..stat.LastIndexOf(')')].StartsWith(name, StringComparison.Ordinal)) continue;
                    times[int.Parse(Path.GetFileName(dir))] = Ticks(stat[(stat.LastIndexOf(')') + 2)..].Split(' '), 11, 12);
                }
                catch (IOException) { } // the thread ended while we looked
            }
        }
        catch (IOException) { }
        return times;
    }

    /// <summary>
    /// CPU time of a PostgreSQL cluster: its postmaster, every live backend it forked, and the backends that have exited (their time
    /// moves to the postmaster's cutime and cstime when it reaps them; without it, a pool closing idle connections during a phase made
    /// the phase's PG CPU negative).
    /// </summary>
    public static TimeSpan ClusterCpuTime(int postmaster)
    {
        var total = StatFields(postmaster) is { } own ? Ticks(own, 11, 12, 13, 14) : TimeSpan.Zero;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && StatFields(pid) is { } fields && fields[1] == postmaster.ToString())
                total += Ticks(fields, 11, 12);
        return total;
    }

    /// <summary>The sum of the /proc/PID/stat clock-tick fields at these positions (see <see cref="StatFields"/>).</summary>
    private static TimeSpan Ticks(string[] fields, params int[] positions) =>
        TimeSpan.FromSeconds(positions.Sum(i => long.Parse(fields[i])) / TicksPerSecond);

    /// <summary>The process's peak resident set so far (VmHWM), in MiB; 0 once it is gone.</summary>
    public static double PeakMemoryMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (IOException) { return 0; }
    }

    /// <summary>The fields after the command name in /proc/PID/stat (the name may hold spaces): [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
    }

    public static Dictionary<string, object?> Describe() => new()
    {
        ["cpu"] = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim(),
        ["cores"] = Environment.ProcessorCount,
        ["memoryGiB"] = Math.Round(long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1048576.0, 1),
        // Other work on the machine skews every figure: the load when the run began says how much.
        ["loadAverageAtStart"] = File.ReadAllText("/proc/loadavg").Split(' ')[0],
        ["os"] = RuntimeInformation.OSDescription,
        [".NET"] = RuntimeInformation.FrameworkDescription,
    };

    /// <summary>Runs a program to its end; its standard output, or an exception with what it printed.</summary>
    public static async Task<string> Run(string file, string arguments, string? workingDirectory = null)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await error}{await output}");
        return (await output).Trim();
    }
}
