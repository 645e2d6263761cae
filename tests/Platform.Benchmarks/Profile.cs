namespace Platform.Benchmarks;

/// <summary>How long and how big each scenario runs: <c>--quick</c> fits in a few minutes on two cores, the full run measures longer and larger.</summary>
public sealed record Profile(
    string Name,
    TimeSpan RawDuration,
    int ReadRows,
    TimeSpan WarmUp,
    TimeSpan CommandDuration,
    int Users,
    int JoinCommunities,
    int Modules,
    int LessonsPerModule,
    int ProbeUsers,
    int Products,
    double QueryRate,
    double TargetQueryRate,
    TimeSpan QueryDuration,
    int RebuildEvents,
    int StartRuns,
    TimeSpan SaturationStep,
    double SaturationFactor)
{
    public const int Clients = 16;

    public static readonly Profile Quick = new("quick", TimeSpan.FromSeconds(2), 200_000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5),
        Users: 48, JoinCommunities: 16, Modules: 2, LessonsPerModule: 8, ProbeUsers: 32, Products: 8, QueryRate: 40, TargetQueryRate: 100, TimeSpan.FromSeconds(5),
        RebuildEvents: 20_000, StartRuns: 1, SaturationStep: TimeSpan.FromSeconds(3), SaturationFactor: 1.5);

    public static readonly Profile Full = new("full", TimeSpan.FromSeconds(15), 1_000_000, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30),
        Users: 256, JoinCommunities: 120, Modules: 6, LessonsPerModule: 10, ProbeUsers: 400, Products: 40, QueryRate: 80, TargetQueryRate: 200, TimeSpan.FromSeconds(30),
        RebuildEvents: 1_000_000, StartRuns: 3, SaturationStep: TimeSpan.FromSeconds(10), SaturationFactor: 1.25);
}
