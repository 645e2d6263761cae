using Marten;
using Marten.Events;
using Platform.Projections.Courses;
using Platform.Projections.Engagement;

namespace Platform.Api.Engagement;

/// <summary>Replays one community's scoring history under given rules, in memory: the same changes the projection applies.</summary>
public static class CommunityHistory
{
    /// <summary>
    /// Reads every scoring event in order and keeps the community's (its own events, and learning in its courses).
    /// It scans scoring events of all communities: fine at today's volumes; a per-community event index would bound it.
    /// </summary>
    public static async Task<IReadOnlyCollection<PointEntry>> Replay(IQuerySession reads, Guid communityId, PointRulesView? rules, CancellationToken cancellation)
    {
        var courses = (await reads.Query<CourseOutline>().Where(c => c.CommunityId == communityId).Select(c => c.Id).ToListAsync(cancellation)).ToHashSet();
        var events = await reads.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(PointScoring.Sources)).OrderBy(e => e.Sequence).ToListAsync(cancellation);
        var ledger = new Dictionary<Guid, PointEntry>();
        foreach (var e in events)
        {
            var community = PointScoring.CommunityOf(e.Data) ?? (PointScoring.CourseOf(e.Data) is { } course && courses.Contains(course) ? communityId : null);
            if (community != communityId) continue;
            foreach (var change in PointScoring.For(e, communityId, rules)) change.ApplyTo(ledger);
        }
        return ledger.Values;
    }
}
