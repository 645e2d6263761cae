using Platform.Contracts.Engagement;

namespace Platform.Api.Engagement;

/// <summary>
/// One member's progress in one community (<see cref="EngagementIds.Progress"/>): the highest level ever reached and the LEVEL
/// courses it opened. Only ever rises: a level, once reached, keeps its courses open when points drop later.
/// </summary>
public sealed record MemberProgress(Guid CommunityId, Guid UserId, int HighestLevel, IReadOnlyList<Guid> UnlockedCourses)
{
    public static MemberProgress Create(LevelReached e) => new(e.CommunityId, e.UserId, e.Level, []);

    public MemberProgress Apply(LevelReached e) => this with { HighestLevel = Math.Max(HighestLevel, e.Level) };

    public MemberProgress Apply(CourseUnlocked e) => this with { UnlockedCourses = [.. UnlockedCourses, e.CourseId] };

    /// <summary>
    /// Pure: a level above the highest reached is reached now, and opens every published LEVEL course up to it that was not
    /// open yet. Everyone starts at level 1, which needs no event.
    /// </summary>
    public static object[] Reach(MemberProgress? current, Guid communityId, Guid userId, int level, long points,
        IEnumerable<(Guid CourseId, int UnlockLevel)> levelCourses, DateTimeOffset now)
    {
        var highest = current?.HighestLevel ?? 1;
        if (level <= highest) return [];
        var open = current?.UnlockedCourses ?? [];
        return
        [
            new LevelReached(communityId, userId, level, (int)Math.Min(points, int.MaxValue), now),
            .. levelCourses.Where(c => c.UnlockLevel <= level && !open.Contains(c.CourseId)).OrderBy(c => c.UnlockLevel).ThenBy(c => c.CourseId)
                .Select(c => new CourseUnlocked(c.CourseId, communityId, userId, level, now)),
        ];
    }
}
