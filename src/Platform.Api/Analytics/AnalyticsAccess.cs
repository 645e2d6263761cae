using GraphQL.Builders;
using Platform.Api.Communities;
using Platform.Api.Identity;

namespace Platform.Api.Analytics;

/// <summary>
/// Who may see or do what in Analytics. A community's figures (and what stands behind them) are its creator's, and finance's for
/// every community; fee policies are set and previewed by platform admins.
/// </summary>
public static class AnalyticsAccess
{
    public static FieldBuilder<TSource, TReturn> AllowCreatorOrFinance<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator).Allow(Audience.Finance);

    public static FieldBuilder<TSource, TReturn> AllowFeeAdmins<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field.Allow(Audience.Admin);
}
