using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Analytics.Graph;
using Platform.Api.Commerce;
using Platform.Api.Commerce.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Projections.Analytics;

namespace Platform.Api.Analytics;

public sealed record PreviewFeePolicyInput(int Percent, DateTimeOffset? EffectiveAt, int? Days);

/// <summary>What one currency's sales kept, as they were and as the proposed fee would have split them (after refunds and lost disputes).</summary>
public sealed record FeePreviewTotals(
    string Currency, int Sales, Money Gross, Money TakenBack, Money PlatformFee, Money ProposedPlatformFee, Money CreatorShare, Money ProposedCreatorShare,
    Money PlatformFeeDifference, Money CreatorShareDifference);

public sealed record FeePolicyPreview(
    Guid CommunityId, int CurrentPercent, int ProposedPercent, DateTimeOffset EffectiveAt, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<FeePreviewTotals> Totals);

/// <summary>
/// <c>previewFeePolicy(communityId, input{percent, effectiveAt, days})</c>: replays the community's sales of the last N days (default 30,
/// at most 365) under the proposed fee, through <c>MoneySplit</c> as a checkout and its refunds would, and compares with what they kept.
/// Nothing is written.
/// </summary>
public static class PreviewFeePolicyQuery
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    public static void AddPreviewFeePolicy(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<FeePolicyPreviewGraphType>>("previewFeePolicy")
            .Description("How the last N days of the community's sales would have split under the proposed fee; changes nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<PreviewFeePolicyInputGraphType>>("input")
            .AllowFeeAdmins()
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                var input = c.GetArgument<PreviewFeePolicyInput>("input");
                var now = c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                var days = input.Days ?? DefaultDays;
                if (days is < 1 or > MaxDays) throw DomainException.Invalid($"A preview replays 1 to {MaxDays} days.");
                // The same checks as setting it.
                var proposed = FeePolicy.Set(null, 0, new SetFeePolicy(communityId, input.Percent, input.EffectiveAt, c.UserId()), now);
                var state = await SetFeePolicyField.State(c.Reads(), communityId, now, c.CancellationToken);
                var from = now.AddDays(-days);
                var sales = await c.Reads().Query<SaleFacts>()
                    .Where(s => s.CommunityId == communityId && s.PaidAt >= from && s.PaidAt < now).ToListAsync(c.CancellationToken);
                return Preview(communityId, state.PercentInForce, proposed.Percent, proposed.EffectiveAt, from, now, sales);
            });

    /// <summary>Pure: each sale split again at the proposed percent; what refunds and lost disputes took back reverses as <c>MoneySplit.Reverse</c> would.</summary>
    public static FeePolicyPreview Preview(Guid communityId, int currentPercent, int percent, DateTimeOffset effectiveAt, DateTimeOffset from, DateTimeOffset to,
        IReadOnlyList<SaleFacts> sales) =>
        new(communityId, currentPercent, percent, effectiveAt, from, to, sales.GroupBy(s => s.Currency).OrderBy(g => g.Key).Select(g =>
        {
            Money M(long amount) => new(amount, g.Key);
            long gross = 0, takenBack = 0, fee = 0, proposedFee = 0;
            foreach (var sale in g)
            {
                var back = sale.Refunds.Concat(sale.LostDisputes).ToList();
                var backAmount = back.Sum(b => b.Amount);
                gross += sale.Gross;
                takenBack += backAmount;
                fee += sale.PlatformFee - back.Sum(b => b.PlatformFee);
                // Partial reversals add up to the rule applied to their total, so one split of the total is what they would have reversed.
                proposedFee += MoneySplit.Of(sale.Gross, percent).PlatformFee - MoneySplit.Of(backAmount, percent).PlatformFee;
            }
            var (share, proposedShare) = (gross - takenBack - fee, gross - takenBack - proposedFee);
            return new FeePreviewTotals(g.Key, g.Count(), M(gross), M(takenBack), M(fee), M(proposedFee), M(share), M(proposedShare),
                M(proposedFee - fee), M(proposedShare - share));
        }).ToList());
}
