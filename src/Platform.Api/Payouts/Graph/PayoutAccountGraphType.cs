using GraphQL.Types;
using Platform.Projections.Payouts;

namespace Platform.Api.Payouts.Graph;

public sealed class PayoutAccountGraphType : ObjectGraphType<PayoutAccountView>
{
    public PayoutAccountGraphType()
    {
        Name = "PayoutAccount";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(a => a.Provider);
        Field(a => a.ChargesEnabled);
        Field(a => a.PayoutsEnabled);
        Field(a => a.RequirementsDue);
        Field<StringGraphType>("onboardingUrl").Description("Set on the answer to startPayoutOnboarding: where to finish onboarding.")
            .Resolve(c => c.UserContext.TryGetValue(OnboardingUrlKey, out var url) ? url as string : null);
    }

    public const string OnboardingUrlKey = "platform.onboardingUrl";
}
