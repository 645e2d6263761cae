using GraphQL.Types;
using Marten;
using Platform.Api.Commerce;
using Platform.Api.Payouts.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Payouts;
using Platform.Projections.Payouts;

namespace Platform.Api.Payouts;

/// <summary>CONN: opens the creator's connected account once, and returns a fresh onboarding link each time.</summary>
public sealed record StartPayoutOnboarding(Guid CreatorId);

public sealed record PayoutOnboardingLink(Guid AccountId, string Url);

public static class StartPayoutOnboardingField
{
    public static void AddStartPayoutOnboarding(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PayoutAccountGraphType>>("startPayoutOnboarding")
            .Description("Opens the caller's payout account at the payment provider (once) and returns a fresh link to finish its onboarding.")
            .Allow(Audience.Creator)
            .ResolveAsync(async c =>
            {
                var link = await c.Commands().InvokeAsync<PayoutOnboardingLink>(new StartPayoutOnboarding(c.UserId()), c.CancellationToken);
                c.UserContext[PayoutAccountGraphType.OnboardingUrlKey] = link.Url;
                return await c.Reads().LoadAsync<PayoutAccountView>(link.AccountId, c.CancellationToken);
            });
}

public static class StartPayoutOnboardingHandler
{
    public static async Task<PayoutOnboardingLink> Handle(StartPayoutOnboarding command, IDocumentSession session, IPaymentProvider provider,
        TimeProvider clock, CancellationToken cancellation)
    {
        var accountId = DeterministicId.PayoutAccount(command.CreatorId);
        var stream = await session.Events.FetchForWriting<PayoutAccountView>(accountId, cancellation);
        var providerAccountId = stream.Aggregate?.ProviderAccountId;
        if (providerAccountId is null)
        {
            // The provider call is keyed by the creator's id, so a retry after a failed commit finds the same account.
            providerAccountId = await provider.OpenAccount(command.CreatorId, cancellation);
            stream.AppendOne(new PayoutAccountOpened(accountId, command.CreatorId, provider.Name, providerAccountId, clock.GetUtcNow()));
        }
        return new PayoutOnboardingLink(accountId, await provider.OnboardingLink(command.CreatorId, providerAccountId, cancellation));
    }
}
