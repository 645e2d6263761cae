using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

/// <summary>Seconds from the video's start: a stretch the learner played.</summary>
public sealed record WatchedRangeInput(int Start, int End);

public sealed class WatchedRangeInputGraphType : InputObjectGraphType<WatchedRangeInput>
{
    public WatchedRangeInputGraphType()
    {
        Name = "WatchedRangeInput";
        Field<NonNullGraphType<IntGraphType>>("start");
        Field<NonNullGraphType<IntGraphType>>("end");
    }
}
