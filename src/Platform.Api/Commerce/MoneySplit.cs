namespace Platform.Api.Commerce;

/// <summary>The two parts of an amount: the platform's fee and the creator's share. They always sum to the amount.</summary>
public readonly record struct Split(long PlatformFee, long CreatorShare);

/// <summary>
/// The one place money is divided (PRODUCT.md, money rules). Every payment, refund and dispute is split here and both parts are
/// written on its event; nothing downstream recomputes them.
/// </summary>
public static class MoneySplit
{
    public const long MaxAmount = 99_999_999; // Stripe's largest charge: eight digits in the minor unit

    /// <summary>fee = round-half-up(gross × feePercent / 100); share = gross − fee.</summary>
    public static Split Of(long gross, int feePercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gross);
        ArgumentOutOfRangeException.ThrowIfNegative(feePercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(feePercent, 100);
        var fee = (long)((gross * (Int128)feePercent + 50) / 100);
        return new Split(fee, gross - fee);
    }

    /// <summary>
    /// The parts of <paramref name="amount"/> taken back (a refund, a lost dispute) after <paramref name="reversedBefore"/> was
    /// already taken back, as Stripe reverses an application fee: in proportion to the part of the charge taken back, of the fee
    /// charged (round-half-up(fee × taken back / gross)), not the percentage applied again to the refunded amount. The fee
    /// reversed so far is always that proportion of the total taken back, so partial refunds add up to what one refund of their
    /// sum would reverse, and taking back the whole gross reverses exactly its fee.
    /// </summary>
    public static Split Reverse(long gross, int feePercent, long reversedBefore, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reversedBefore);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (reversedBefore + amount > gross)
            throw new ArgumentOutOfRangeException(nameof(amount), $"Taking back {amount} after {reversedBefore} exceeds the gross of {gross}.");
        var fee = Of(gross, feePercent).PlatformFee;
        var feeBack = Proportion(fee, reversedBefore + amount, gross) - Proportion(fee, reversedBefore, gross);
        return new Split(feeBack, amount - feeBack);
    }

    /// <summary>round-half-up(fee × part / gross), in integer arithmetic.</summary>
    public static long Proportion(long fee, long part, long gross) => (long)((fee * (Int128)part * 2 + gross) / (2 * (Int128)gross));
}
