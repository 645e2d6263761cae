using System.Collections.Concurrent;
using Marten;
using Marten.Services.BatchQuerying;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

/// <summary>
/// Course outlines as this node last read them, checked against the database on every read: the one way the API loads an
/// outline by id. An outline is read by every course page, completed lesson and watch report, and changes only when its
/// creator edits it; it is also large (a 60-lesson outline is tens of KB of JSON, stored compressed out of line), so a plain
/// load cost PostgreSQL its decompression (0.53 ms, the most expensive statement of <c>completeLesson</c> and
/// <c>recordVideoProgress</c> in the bench) and the API its parsing, every time. Here a read asks for the row's stamp, and
/// for the document only when that stamp is not the one this node holds, in the same single statement. The stamp is the
/// outline's version (its course stream's version) and the time it was last written: an edit moves both, and a rebuild,
/// which writes the same versions again, moves the time.
/// The modules and lessons handed out are shared between requests: callers read them and never change them. Each read still
/// returns an instance of its own (a shallow copy), as state kept per loaded outline (the course page's enrolment of the
/// caller, <see cref="CourseReads.ViewerEnrolment"/>) must not pass from one request or answer to the next.
/// </summary>
public static class OutlineCache
{
    private const int MaxHeld = 4096;
    private static readonly ConcurrentDictionary<Guid, Stamped> Held = new();

    /// <summary>The row's stamp, and its document when the stamp is not the one the reader holds.</summary>
    private sealed record Stamped(string Stamp, CourseOutline? Outline);

    public static Task<CourseOutline?> Load(IQuerySession reads, Guid courseId, CancellationToken cancellation)
    {
        var held = Held.GetValueOrDefault(courseId);
        return Resolve(courseId, held, reads.QueryAsync<Stamped>(Sql(reads), cancellation, held?.Stamp ?? "", courseId));
    }

    /// <summary>The same, as part of a batch of reads.</summary>
    public static Task<CourseOutline?> Load(IBatchedQuery batch, IQuerySession reads, Guid courseId)
    {
        var held = Held.GetValueOrDefault(courseId);
        return Resolve(courseId, held, batch.Query<Stamped>(Sql(reads), held?.Stamp ?? "", courseId));
    }

    private static async Task<CourseOutline?> Resolve(Guid courseId, Stamped? held, Task<IReadOnlyList<Stamped>> reading)
    {
        if ((await reading).SingleOrDefault() is not { } row)
        {
            Held.TryRemove(courseId, out _);
            return null;
        }
        if (row.Outline is null) return held!.Outline!.ShallowCopy(); // the stamp this read sent: the outline it captured then
        if (Held.Count >= MaxHeld) Held.Clear();
        Held[courseId] = row;
        return row.Outline;
    }

    private static string Sql(IQuerySession reads) =>
        $"""
         select json_build_object('Stamp', s.stamp, 'Outline', case when s.stamp = ? then null else d.data end)
         from {reads.DocumentStore.Options.FindOrResolveDocumentType(typeof(CourseOutline)).TableName.QualifiedName} as d
         cross join lateral (select d.mt_version::text || '@' || coalesce(d.mt_last_modified::text, '')) as s(stamp)
         where d.id = ?
         """;
}
