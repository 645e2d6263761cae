using System.Net;
using Marten;
using MimeKit;
using Platform.Contracts.Mail;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Platform.Api.Mail;

/// <summary>
/// One mail, rendered, on its way out. It travels through Wolverine's durable outbox: it commits with whatever decided to
/// send it, so a crash never loses it. <c>UserId</c> set: the mail carries a signed unsubscribe link for <c>Kind</c> (null: the digest).
/// </summary>
public sealed record SendMail(Guid MailId, string To, MailContent Content, Guid? UserId, NotificationKind? Kind);

/// <summary>Marks a mail as handed to the mailer, so a redelivered <see cref="SendMail"/> is not sent again.</summary>
public sealed record MailDelivery(Guid Id, string To, string Subject, DateTimeOffset SentAt);

/// <summary>Turns a <see cref="SendMail"/> into a MIME message: text and HTML parts, a Message-ID from the mail id, RFC 8058 one-click headers.</summary>
public sealed class MailComposer(MailOptions options, SignedLinks links)
{
    public string UnsubscribeUrl(Guid userId, NotificationKind? kind)
    {
        var kindName = kind?.ToString() ?? "Digest";
        return $"{links.Origin}/mail/unsubscribe?user={userId}&kind={kindName}&sig={links.Sign("unsubscribe", userId.ToString(), kindName)}";
    }

    public MimeMessage Compose(SendMail mail)
    {
        var content = mail.Content;
        var unsubscribe = mail.UserId is { } userId ? UnsubscribeUrl(userId, mail.Kind) : null;
        var text = string.Join("\n\n", [.. content.Lines, .. content.ActionUrl is { } url ? [$"{content.ActionText}: {url}"] : Array.Empty<string>(),
            .. unsubscribe is null ? Array.Empty<string>() : [$"Stop these mails: {unsubscribe}"]]);
        var html = string.Concat([.. content.Lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"),
            .. content.ActionUrl is { } link ? [$"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(content.ActionText)}</a></p>"] : Array.Empty<string>(),
            .. unsubscribe is null ? Array.Empty<string>() : [$"<p><small><a href=\"{WebUtility.HtmlEncode(unsubscribe)}\">Stop these mails</a></small></p>"]]);
        var message = new MimeMessage { Subject = content.Subject, MessageId = $"{mail.MailId:N}@platform.localhost" };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        if (unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = $"<!doctype html><html><body>{html}</body></html>" }.ToMessageBody();
        return message;
    }
}

public static class SendMailHandler
{
    /// <summary>A mail server that is down or refuses for a while: retry soon, then later, for about a day.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException()
            .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetry(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6));

    /// <summary>
    /// At least once, never twice in the usual case: the delivery mark commits after the mailer accepted the message, so only a
    /// crash between the two repeats it, with the same Message-ID for the receiving server to drop.
    /// </summary>
    public static async Task Handle(SendMail mail, IDocumentSession session, IMailer mailer, MailComposer composer, TimeProvider clock,
        ILogger<MailComposer> log, CancellationToken cancellation)
    {
        if (await session.LoadAsync<MailDelivery>(mail.MailId, cancellation) is not null) return;
        await mailer.Send(composer.Compose(mail), cancellation);
        session.Store(new MailDelivery(mail.MailId, mail.To, mail.Content.Subject, clock.GetUtcNow()));
        log.LogInformation("Mail {MailId} ({Kind}) sent to user {UserId}", mail.MailId, mail.Kind?.ToString() ?? "transactional", mail.UserId);
    }
}
