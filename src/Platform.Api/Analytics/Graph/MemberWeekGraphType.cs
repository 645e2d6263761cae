using GraphQL.Types;

namespace Platform.Api.Analytics.Graph;

public sealed class MemberWeekGraphType : ObjectGraphType<MemberWeek>
{
    public MemberWeekGraphType()
    {
        Name = "MemberWeek";
        Field(w => w.WeekStart).Description("The week's Monday, yyyy-MM-dd (the drill-down key).");
        Field(w => w.Joined);
        Field(w => w.Left).Description("Left, or lapsed when a paid membership ended.");
        Field(w => w.Banned);
    }
}
