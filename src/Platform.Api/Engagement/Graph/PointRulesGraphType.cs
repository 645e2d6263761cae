using GraphQL.Types;
using Platform.Contracts.Engagement;
using Platform.Projections.Engagement;

namespace Platform.Api.Engagement.Graph;

public sealed class PointRulesGraphType : ObjectGraphType<PointRules>
{
    public PointRulesGraphType()
    {
        Name = "PointRules";
        Field(r => r.PerLikeReceived).Description("Points the author of a post or comment earns per like from someone else.");
        Field(r => r.PerLessonCompleted);
        Field(r => r.PerCourseCompleted);
        Field(r => r.PerEventAttended).Description("Per occurrence of an event that staff recorded the member attending (markAttendance).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("levelThresholds")
            .Description("The least points of levels 1 to 9.").Resolve(c => c.Source.LevelThresholds);
    }
}

public sealed class PointRulesVersionGraphType : ObjectGraphType<PointRulesVersion>
{
    public PointRulesVersionGraphType()
    {
        Name = "PointRulesVersion";
        Field<NonNullGraphType<PointRulesGraphType>>("rules").Resolve(c => c.Source.Rules);
        Field(v => v.EffectiveFrom, nullable: true).Description("Events from this moment on score by these rules; null: the whole history.");
        Field<NonNullGraphType<IdGraphType>>("changedBy").Resolve(c => c.Source.ChangedBy);
        Field(v => v.ChangedAt);
    }
}

public sealed class PointRulesPolicyGraphType : ObjectGraphType<PointRulesView>
{
    public PointRulesPolicyGraphType()
    {
        Name = "PointRulesPolicy";
        Description = "A community's point rules, every version it had.";
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PointRulesVersionGraphType>>>>("versions").Resolve(c => c.Source.Versions);
    }
}

public sealed class PointRulesInputGraphType : InputObjectGraphType
{
    public PointRulesInputGraphType()
    {
        Name = "PointRulesInput";
        Description = "Fields left out keep the rules in force now.";
        Field<IntGraphType>("perLikeReceived");
        Field<IntGraphType>("perLessonCompleted");
        Field<IntGraphType>("perCourseCompleted");
        Field<IntGraphType>("perEventAttended");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("levelThresholds").Description("Nine: the least points of levels 1 (0) to 9, rising.");
        Field<DateTimeOffsetGraphType>("effectiveFrom").Description("Score events from this moment on by the new rules; left out: rescore the whole history.");
    }
}
