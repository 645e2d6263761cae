using MimeKit;
using Platform.Api.Mail;
using Platform.Contracts.Mail;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Mail;

/// <summary>Every template goes out through both adapters of the mail port and is parsed back from what arrived.</summary>
public sealed class when_each_template_is_sent
{
    private static readonly DateTimeOffset At = new(2026, 3, 7, 17, 30, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, MailContent> Contents = new()
    {
        ["invitation"] = MailTemplates.Invitation("Guitar Builders", "Alice", "http://127.0.0.1:5080/invitations/tok", At),
        ["receipt"] = MailTemplates.Receipt("Your first guitar", 4900, 490, 4410, 1000, "eur", At),
        ["refund"] = MailTemplates.Refund("Your first guitar", 1000, 1000, 4900, "eur"),
        ["payout paid"] = MailTemplates.PayoutPaid(4410, "jpy", At),
        ["payout failed"] = MailTemplates.PayoutFailed(4410, "usd", "account closed"),
        ["reply"] = MailTemplates.Reply("Bob", "Bracing", "Try X-bracing <b>first</b>.", "http://127.0.0.1:5080/posts/1"),
        ["mention"] = MailTemplates.Mention("Bob", "Bracing", "@alice what do you think?", "http://127.0.0.1:5080/posts/1"),
        ["event reminder"] = MailTemplates.EventReminder("Live Q&A", At, "Europe/Berlin", "https://meet.example.test/qa", "Online"),
        ["moderation outcome"] = MailTemplates.ModerationOutcome("post", "removed", "spam"),
        ["ticket reply"] = MailTemplates.TicketReply("Refund question", "Support", "It is on its way.", "http://127.0.0.1:5080/tickets/1"),
        ["digest"] = MailTemplates.Digest("weekly", [.. Enumerable.Range(1, 23).Select(i => $"Item {i}")], "http://127.0.0.1:5080/notifications"),
    };

    public static TheoryData<string> Templates => new(Contents.Keys);

    private static readonly Guid UserId = Guid.NewGuid();

    private static (MailComposer Composer, SendMail Mail) Compose(string template, MailOptions options) =>
        (new MailComposer(options, new SignedLinks(new byte[32], "http://127.0.0.1:5080")),
            new SendMail(Guid.NewGuid(), "alice@example.test", Contents[template], UserId, NotificationKind.Reply));

    private static void AssertSame(MailContent content, SendMail sent, MimeMessage parsed)
    {
        Assert.Equal(content.Subject, parsed.Subject);
        Assert.Equal("alice@example.test", parsed.To.Mailboxes.Single().Address);
        Assert.Equal($"{sent.MailId:N}@platform.localhost", parsed.MessageId);
        foreach (var line in content.Lines) Assert.Contains(line, parsed.TextBody);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(content.Lines[0]), parsed.HtmlBody);
        if (content.ActionUrl is { } url) Assert.Contains(url, parsed.TextBody);
        Assert.StartsWith("<http://127.0.0.1:5080/mail/unsubscribe?user=", parsed.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", parsed.Headers["List-Unsubscribe-Post"]);
    }

    [Theory, MemberData(nameof(Templates))]
    public async Task the_local_port_writes_an_eml_file_that_parses_back(string template)
    {
        var options = new MailOptions { Folder = Path.Combine(Path.GetTempPath(), $"platform-mail-{Guid.NewGuid():N}") };
        var (composer, mail) = Compose(template, options);
        await new LocalMailer(options).Send(composer.Compose(mail), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(options.Folder, "*.eml"));
        AssertSame(mail.Content, mail, await MimeMessage.LoadAsync(file));
        Directory.Delete(options.Folder, recursive: true);
    }

    [Theory, MemberData(nameof(Templates))]
    public async Task the_smtp_adapter_delivers_to_a_local_server_and_the_message_parses_back(string template)
    {
        await using var server = new SmtpListener();
        var (composer, mail) = Compose(template, new MailOptions());
        await new SmtpMailer(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = MailKit.Security.SecureSocketOptions.None })
            .Send(composer.Compose(mail), CancellationToken.None);

        var (from, to, data) = Assert.Single(server.Received);
        Assert.Equal("no-reply@platform.localhost", from);
        Assert.Equal(["alice@example.test"], to);
        AssertSame(mail.Content, mail, await MimeMessage.LoadAsync(new MemoryStream(data)));
    }
}
