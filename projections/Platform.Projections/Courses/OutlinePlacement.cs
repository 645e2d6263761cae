using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.Contracts.Courses;
using Platform.Contracts.Video;

namespace Platform.Projections.Courses;

/// <summary>
/// Which course a module, lesson or video belongs to, by the item's id: commands that name only a lesson find their course
/// with one primary-key read. Kept for deleted items too, like <see cref="CourseOutline.OutlineIds"/>, so a learner's
/// history still finds its course.
/// </summary>
public sealed record OutlinePlacement(Guid Id, Guid CourseId);

/// <summary>Inline, like the outline itself: the builder's next command names the lesson just added.</summary>
public sealed partial class OutlinePlacementProjection : EventProjection
{
    public OutlinePlacementProjection()
    {
        IncludeType<ModuleAdded>();
        IncludeType<LessonAdded>();
        IncludeType<VideoUploadRequested>();
        Options.DeleteViewTypeOnTeardown(typeof(OutlinePlacement));
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var placement = e.Data switch
        {
            ModuleAdded x => new OutlinePlacement(x.ModuleId, x.CourseId),
            LessonAdded x => new OutlinePlacement(x.LessonId, x.CourseId),
            VideoUploadRequested x => new OutlinePlacement(x.VideoId, x.CourseId),
            _ => null,
        };
        if (placement is not null) operations.Store(placement);
        return ValueTask.CompletedTask;
    }
}
