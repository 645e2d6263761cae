using Platform.Api.Commerce.Graph;
using GraphQL.Types;
using Platform.Api.Commerce;
using Platform.Api.Engagement;

namespace Platform.Api.Admin.Graph;

public sealed class PlatformStatsGraphType : ObjectGraphType<PlatformStats>
{
    public PlatformStatsGraphType()
    {
        Name = "PlatformStats";
        Field<NonNullGraphType<EnumerationGraphType<LeaderboardWindow>>>("window").Resolve(c => c.Source.Window);
        Field(s => s.Since).Description("The window's start: counts are of what was created (paid, refunded) since then.");
        Field(s => s.Users).Description("Users registered in the window.");
        Field(s => s.ActiveUsers7Days).Description("Users who did anything recorded in the last 7 days (whatever the window).");
        Field(s => s.ActiveUsers30Days).Description("Users who did anything recorded in the last 30 days (whatever the window).");
        Field(s => s.Communities);
        Field(s => s.Courses);
        Field(s => s.Enrolments);
        Field(s => s.Purchases).Description("Purchases paid in the window.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MoneyGraphType>>>>("gross").Description("Gross paid in the window, one amount per currency.")
            .Resolve(c => c.Source.Gross);
        Field(s => s.Refunds).Description("Refunds that succeeded in the window.");
        Field(s => s.OpenReports).Description("Reports waiting for a moderator now, across all communities.");
    }
}
