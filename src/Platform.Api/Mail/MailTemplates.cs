using System.Globalization;

namespace Platform.Api.Mail;

/// <summary>A mail's words, before it becomes a MIME message: the same lines give its text part and its HTML part.</summary>
public sealed record MailContent(string Subject, IReadOnlyList<string> Lines, string? ActionText = null, string? ActionUrl = null);

/// <summary>One function per kind of mail. Pure: every fact arrives as an argument, so a retry renders the same mail.</summary>
public static class MailTemplates
{
    public static MailContent Invitation(string community, string inviter, string acceptUrl, DateTimeOffset expiresAt) => new(
        $"{inviter} invited you to {community}",
        [$"{inviter} invited you to join {community}.", $"The link works once, until {Moment(expiresAt)}."],
        "Accept the invitation", acceptUrl);

    /// <summary>The split is shown as decided when the payment arrived; refunds so far are listed.</summary>
    public static MailContent Receipt(string product, long gross, long platformFee, long creatorShare, long refunded, string currency, DateTimeOffset paidAt) => new(
        $"Your receipt for {product}",
        [
            $"You paid {Money(gross, currency)} for {product} on {Moment(paidAt)}.",
            $"Of that, {Money(creatorShare, currency)} goes to the creator and {Money(platformFee, currency)} to the platform.",
            .. refunded > 0 ? [$"Refunded so far: {Money(refunded, currency)}."] : Array.Empty<string>(),
        ]);

    public static MailContent Refund(string product, long amount, long refundedInAll, long gross, string currency) => new(
        $"Refund of {Money(amount, currency)} for {product}",
        [$"{Money(amount, currency)} of your payment for {product} is on its way back to you.",
         $"Refunded in all: {Money(refundedInAll, currency)} of {Money(gross, currency)}."]);

    public static MailContent PayoutPaid(long amount, string currency, DateTimeOffset paidAt) => new(
        $"Payout of {Money(amount, currency)} paid",
        [$"Your payout of {Money(amount, currency)} reached your bank on {Moment(paidAt)}."]);

    public static MailContent PayoutFailed(long amount, string currency, string reason) => new(
        $"Payout of {Money(amount, currency)} failed",
        [$"Your bank refused a payout of {Money(amount, currency)}: {reason}.", "The money is still yours and goes out with the next payout once your account is fixed."]);

    public static MailContent Reply(string author, string postTitle, string body, string url) => new(
        $"{author} replied on \"{postTitle}\"", [$"{author} wrote:", Excerpt(body)], "Open the conversation", url);

    public static MailContent Mention(string author, string where, string body, string url) => new(
        $"{author} mentioned you in \"{where}\"", [$"{author} wrote:", Excerpt(body)], "Open the post", url);

    public static MailContent EventReminder(string title, DateTimeOffset startsAt, string timeZone, string? joinUrl, string? location) => new(
        $"Reminder: {title}",
        [
            $"{title} starts {Local(startsAt, timeZone)}.",
            .. location is { Length: > 0 } ? [$"Where: {location}"] : Array.Empty<string>(),
        ],
        joinUrl is null ? null : "Join", joinUrl);

    public static MailContent ModerationOutcome(string what, string outcome, string? reason) => new(
        $"About your {what}: {outcome}",
        [$"A moderator reviewed your {what}. Outcome: {outcome}.", .. reason is { Length: > 0 } ? [$"Reason: {reason}"] : Array.Empty<string>()]);

    public static MailContent TicketReply(string subject, string replier, string body, string url) => new(
        $"Re: {subject}", [$"{replier} answered your support ticket:", Excerpt(body)], "Open the ticket", url);

    /// <summary>The digest: one line per thing that happened, newest first, at most 20 with a count of the rest.</summary>
    public static MailContent Digest(string period, IReadOnlyList<string> items, string url) => new(
        $"Your {period} digest: {items.Count} new",
        [.. items.Take(20), .. items.Count > 20 ? [$"and {items.Count - 20} more."] : Array.Empty<string>()],
        "See everything", url);

    /// <summary>Integer minor units in the currency's own decimals (none for yen and the like).</summary>
    public static string Money(long minor, string currency)
    {
        var digits = Commerce.Currencies.Decimals(currency);
        var major = minor / (decimal)Math.Pow(10, digits);
        return $"{major.ToString($"N{digits}", CultureInfo.InvariantCulture)} {currency.ToUpperInvariant()}";
    }

    private static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset at, string timeZone)
    {
        var zone = NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? NodaTime.DateTimeZone.Utc;
        var local = NodaTime.Instant.FromDateTimeOffset(at).InZone(zone);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone.Id})";
    }

    private static string Excerpt(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
