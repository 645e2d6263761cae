namespace Platform.Contracts.Engagement;

/// <summary>
/// How a community scores: points per like received, lesson completed, course completed and event attended, and the
/// least points of levels 1 to 9 (the first is 0). <see cref="Default"/> is Skool's.
/// </summary>
public sealed record PointRules(int PerLikeReceived, int PerLessonCompleted, int PerCourseCompleted, int PerEventAttended, IReadOnlyList<int> LevelThresholds)
{
    public static readonly PointRules Default = new(1, 0, 0, 0, [0, 5, 20, 65, 155, 515, 2015, 8015, 33015]);
}

/// <summary>
/// A new version of a community's rules, on its rules stream (<see cref="EngagementIds.Rules"/>). It scores every event
/// from <c>EffectiveFrom</c> on (null: the whole history), until a later version takes over.
/// </summary>
public sealed record PointRulesChanged(Guid CommunityId, PointRules Rules, DateTimeOffset? EffectiveFrom, Guid ChangedBy, DateTimeOffset ChangedAt);

/// <summary>Every point one liker gave in the community so far is taken back (a creator's anti-farming decision), on the rules stream.</summary>
public sealed record LikerPointsRevoked(Guid CommunityId, Guid LikerId, string Reason, Guid RevokedBy, DateTimeOffset RevokedAt);

/// <summary>A member reached a level for the first time, on their progress stream (<see cref="EngagementIds.Progress"/>). Never taken back.</summary>
public sealed record LevelReached(Guid CommunityId, Guid UserId, int Level, int Points, DateTimeOffset ReachedAt);

/// <summary>A LEVEL course opened for a member when they reached its level; it stays open if their points drop later.</summary>
public sealed record CourseUnlocked(Guid CourseId, Guid CommunityId, Guid UserId, int Level, DateTimeOffset UnlockedAt);

public static class EngagementIds
{
    public static Guid Rules(Guid communityId) => DeterministicId.From("point-rules", communityId.ToString());

    public static Guid Progress(Guid communityId, Guid userId) => DeterministicId.From("level-progress", communityId.ToString(), userId.ToString());

    /// <summary>A ledger entry per source: the reaction (a like again after withdrawing it is the same entry), or the completed lesson or course.</summary>
    public static Guid Entry(string source, params Guid[] ids) => DeterministicId.From("points", [source, .. ids.Select(i => i.ToString())]);
}
