using Platform.Api.Infrastructure;
using Platform.Contracts.Engagement;

namespace Platform.Api.Engagement;

/// <summary>Pure rules of levels 1 to 9: which level points reach, how far the next one is, and what a creator may set.</summary>
public static class Levels
{
    public const int Max = 9;
    public const int MaxPointsPerAction = 1000;
    public const int MaxThreshold = 100_000_000;

    /// <summary>The highest level whose least points the member has (level 1 needs none).</summary>
    public static int Of(long points, IReadOnlyList<int> thresholds) => Math.Max(1, thresholds.Count(t => points >= t));

    /// <summary>Points still missing for the next level; null at level 9.</summary>
    public static long? ToNext(long points, IReadOnlyList<int> thresholds) =>
        Of(points, thresholds) is var level && level < Max ? thresholds[level] - points : null;

    /// <summary>The creator's name for the level (<c>setLevelNames</c>), or "Level N" where none was given.</summary>
    public static string NameOf(int level, IReadOnlyList<string> names) => level <= names.Count ? names[level - 1] : $"Level {level}";

    /// <summary>Points per action 0 to 1000; nine thresholds starting at 0, strictly rising.</summary>
    public static PointRules Checked(PointRules rules)
    {
        int[] perAction = [rules.PerLikeReceived, rules.PerLessonCompleted, rules.PerCourseCompleted, rules.PerEventAttended];
        if (perAction.Any(p => p is < 0 or > MaxPointsPerAction))
            throw DomainException.Invalid($"Points per action are 0 to {MaxPointsPerAction}.");
        var t = rules.LevelThresholds;
        if (t.Count != Max || t[0] != 0 || t.Zip(t.Skip(1)).Any(p => p.Second <= p.First) || t[^1] > MaxThreshold)
            throw DomainException.Invalid($"Give {Max} level thresholds: 0 first, each higher than the one before, at most {MaxThreshold}.");
        return rules;
    }
}
