using GraphQL.Types;

namespace Platform.Api.Analytics.Graph;

public sealed class AnalyticsInputGraphType : InputObjectGraphType<AnalyticsInput>
{
    public AnalyticsInputGraphType()
    {
        Name = "AnalyticsInput";
        Field<DateTimeOffsetGraphType>("from").Description("Start of the window (default: 30 days before 'to').");
        Field<DateTimeOffsetGraphType>("to").Description("End of the window, exclusive (default: now).");
        Field<StringGraphType>("currency").Description("ISO code; default the one currency the community sells in.");
    }
}
