using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record UpdateLessonInput(string Title, string? Body, int? DripDays, DateTimeOffset? DripAt, bool? Optional, IReadOnlyList<string>? AttachmentFileIds = null);

public sealed class UpdateLessonInputGraphType : InputObjectGraphType<UpdateLessonInput>
{
    public UpdateLessonInputGraphType()
    {
        Name = "UpdateLessonInput";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<StringGraphType>("body");
        Field<IntGraphType>("dripDays").Description("Opens this many days after enrolment.");
        Field<DateTimeOffsetGraphType>("dripAt").Description("Opens at this moment.");
        Field<BooleanGraphType>("optional").Description("An optional lesson does not count towards completing the course.").DefaultValue(false);
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("attachmentFileIds")
            .Description("Up to 10 completed LESSON_ATTACHMENT uploads: they replace the lesson's attachments (an empty list removes them; omitted keeps them).");
    }
}
