using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Contracts.Video;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses.Graph;

/// <summary><c>Watched</c>: the caller's watch progress in the course, by lesson.</summary>
public sealed record ModuleForCaller(CourseOutline Course, ModuleOutline Module, EnrolmentView? Enrolment, bool Builds, DateTimeOffset Now,
    IReadOnlyDictionary<Guid, WatchProgress> Watched);

public sealed class ModuleGraphType : ObjectGraphType<ModuleForCaller>
{
    public ModuleGraphType()
    {
        Name = "Module";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Module.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Module.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LessonGraphType>>>>("lessons")
            .Resolve(c => c.Source.Module.Lessons.Select(l => new LessonForCaller(c.Source.Course, l, c.Source.Enrolment, c.Source.Builds, c.Source.Now,
                c.Source.Watched.GetValueOrDefault(l.Id))));
    }
}
