namespace Platform.Projections.Courses;

/// <summary>A stretch of a video the learner played, in whole seconds from its start.</summary>
public sealed record WatchedRange(int Start, int End)
{
    public int Seconds => End - Start;
}

/// <summary>
/// How much of one lesson's video one learner watched, and where to resume (LESN). Written by recordVideoProgress with one upsert
/// per report, not projected: the most frequent write a video platform gets must not be an event each time. Crossing a threshold
/// appends a <see cref="Contracts.Courses.VideoWatched"/> event to the enrolment stream.
/// </summary>
public sealed class WatchProgress
{
    /// <summary>From <see cref="IdOf"/>: one document per (learner, lesson).</summary>
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public Guid CourseId { get; set; }
    public Guid LessonId { get; set; }
    /// <summary>As the player first reported it; later reports are measured against it.</summary>
    public int DurationSeconds { get; set; }
    public int PositionSeconds { get; set; }
    /// <summary>Sorted, disjoint, merged.</summary>
    public List<WatchedRange> Ranges { get; set; } = [];
    public int WatchedPercent { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string IdOf(Guid userId, Guid lessonId) => $"{userId:N}:{lessonId:N}";
}
