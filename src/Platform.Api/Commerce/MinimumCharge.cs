namespace Platform.Api.Commerce;

/// <summary>
/// The least a payment may be, per currency, in minor units: Stripe's minimum charge amounts (a smaller charge is refused at
/// the provider), and never less than what the provider's fee on it would be, so no sale costs the platform more than it takes.
/// </summary>
public static class MinimumCharge
{
    private static readonly Dictionary<string, long> StripeMinimums = new()
    {
        ["usd"] = 50, ["aed"] = 200, ["aud"] = 50, ["bgn"] = 100, ["brl"] = 50, ["cad"] = 50, ["chf"] = 50, ["czk"] = 1500, ["dkk"] = 250,
        ["eur"] = 50, ["gbp"] = 30, ["hkd"] = 400, ["huf"] = 17500, ["inr"] = 50, ["jpy"] = 50, ["mxn"] = 1000, ["myr"] = 200, ["nok"] = 300,
        ["nzd"] = 50, ["pln"] = 200, ["ron"] = 200, ["sek"] = 300, ["sgd"] = 50, ["thb"] = 1000,
    };

    /// <summary>
    /// Stripe's minimum for the currency (outside its table the usd figure: Stripe asks the equivalent of 0.50 usd), raised until
    /// the amount is more than the provider's fee on it at the standard card rate.
    /// </summary>
    public static long Of(string currency)
    {
        var minimum = StripeMinimums.GetValueOrDefault(currency, StripeMinimums["usd"]);
        while (minimum <= LocalPaymentProvider.StandardCardFee(minimum)) minimum++;
        return minimum;
    }
}
