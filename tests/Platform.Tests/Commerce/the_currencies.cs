using Platform.Api.Commerce;
using Platform.Api.Infrastructure;

namespace Platform.Tests.Commerce;

/// <summary>A price is in a currency payments are taken in, written as Stripe writes it; anything else is refused where it is set.</summary>
public sealed class the_currencies
{
    [Theory]
    [InlineData("eur", "eur")]
    [InlineData(" USD ", "usd")]
    [InlineData("JPY", "jpy")]
    public void a_currency_is_taken_in_lower_case(string given, string kept) => Assert.Equal(kept, Currencies.Of(given));

    [Theory]
    [InlineData("xyz")] // shaped like a code, but no currency
    [InlineData("qqq")]
    [InlineData("uds")] // a typo of usd
    [InlineData("us")]
    [InlineData("")]
    public void anything_else_is_refused(string given) =>
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Currencies.Of(given)).Code);

    [Theory]
    [InlineData("jpy", 0)]
    [InlineData("krw", 0)]
    [InlineData("eur", 2)]
    [InlineData("USD", 2)]
    public void its_minor_unit_is_known(string currency, int decimals) => Assert.Equal(decimals, Currencies.Decimals(currency));
}
