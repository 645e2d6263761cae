using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Courses;

namespace Platform.Api.Identity;

/// <summary>What "own" means for operations outside a module's own access rules (the meanings listed in ACCESS-MATRIX.md).</summary>
public static class Ownerships
{
    /// <summary>The operation acts on the caller's own data only.</summary>
    public static readonly Ownership Self = new("the caller's own data", (_, caller) => Task.FromResult(caller.IsSignedIn));

    /// <summary>The creator of the community that owns the course, module or lesson named by <paramref name="argument"/>.</summary>
    public static Ownership CourseCreator(string argument) =>
        new($"the creator of the community of the course, module or lesson in '{argument}'", async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>(argument), out var id)) return false;
            var reads = context.Reads();
            var course = await reads.LoadAsync<CourseOutline>(id, context.CancellationToken)
                ?? await Courses.CourseBuildingHandler.CourseContaining(reads, id, context.CancellationToken);
            return course is not null && caller.Holds(Role.Creator, course.CommunityId);
        }, HideOthers: true);
}
