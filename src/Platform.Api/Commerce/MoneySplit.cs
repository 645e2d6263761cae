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
    /// already taken back. The fee reversed so far is always the rule applied to the total taken back, so several partial
    /// refunds reverse exactly what one refund of their sum would, and taking back the whole gross reverses exactly its fee.
    /// </summary>
    public static Split Reverse(long gross, int feePercent, long reversedBefore, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reversedBefore);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (reversedBefore + amount > gross)
            throw new ArgumentOutOfRangeException(nameof(amount), $"Taking back {amount} after {reversedBefore} exceeds the gross of {gross}.");
        var fee = Of(reversedBefore + amount, feePercent).PlatformFee - Of(reversedBefore, feePercent).PlatformFee;
        return new Split(fee, amount - fee);
    }
}
