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
using Platform.Api.Courses.Graph;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Video.Graph;

public sealed class LessonVideoGraphType : ObjectGraphType<LessonForCaller>
{
    public LessonVideoGraphType()
    {
        Name = "LessonVideo";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Lesson.Video!.Id);
        Field<NonNullGraphType<EnumerationGraphType<VideoStatus>>>("status").Resolve(c => c.Source.Lesson.Video!.Status);
        Field<StringGraphType>("failureReason").Resolve(c => c.Source.Lesson.Video!.FailureReason);
        Field<StringGraphType>("playbackUrl")
            .Description("A short-lived signed URL, for callers who may open the lesson, once the video is ready.")
            .Resolve(c => c.Source is { Lock: null, Lesson.Video: { Status: VideoStatus.Ready } video }
                ? c.RequestServices!.GetRequiredService<Video.IVideoProvider>().PlaybackUrl(video.ProviderVideoId)
                : null);
    }
}
