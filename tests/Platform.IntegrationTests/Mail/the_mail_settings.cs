using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Platform.Api.Files;
using Platform.Api.Mail;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Mail;

/// <summary>
/// The configuration contract's names (PRODUCT.md: <c>Mail__Provider</c> local or smtp, <c>Smtp__Host</c>, <c>Smtp__Port</c>,
/// <c>Smtp__User</c>, <c>Smtp__Password</c>, <c>Mail__From</c>) reach the port the API builds; the names an earlier README gave
/// refuse to start rather than be ignored.
/// </summary>
public sealed class the_mail_settings
{
    private static WebApplicationBuilder Host(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(
            settings.Append(("Mail:LinkKey", Convert.ToBase64String(new byte[32]))).ToDictionary(s => s.Item1, s => (string?)s.Item2));
        return builder;
    }

    [Fact]
    public async Task smtp_sends_through_the_server_the_Smtp_section_names()
    {
        await using var server = new SmtpListener();
        var builder = Host(("Mail:Provider", "smtp"), ("Smtp:Host", "127.0.0.1"), ("Smtp:Port", server.Port.ToString()), ("Smtp:Security", "None"),
            ("Mail:From", "Guitar School <school@example.test>"));
        builder.AddMail();
        await using var services = builder.Services.BuildServiceProvider();

        var message = new MimeMessage { Subject = "Hello", MessageId = "contract@platform.localhost" };
        message.From.Add(MailboxAddress.Parse(services.GetRequiredService<MailOptions>().From));
        message.To.Add(MailboxAddress.Parse("alice@example.test"));
        message.Body = new TextPart("plain") { Text = "Hello" };
        await services.GetRequiredService<IMailer>().Send(message, CancellationToken.None);

        var (from, to, _) = Assert.Single(server.Received);
        Assert.Equal(("school@example.test", "alice@example.test"), (from, Assert.Single(to)));
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:5080")] // no web app: this API's address, where fallback pages answer
    [InlineData("https://app.example.test/", "https://app.example.test")]
    public void links_to_the_web_apps_pages_open_at_Mail_AppUrl(string? appUrl, string origin)
    {
        var builder = appUrl is null ? Host() : Host(("Mail:AppUrl", appUrl));
        builder.AddMail();
        var links = builder.Services.BuildServiceProvider().GetRequiredService<AppLinks>();
        Assert.Equal($"{origin}/invitations/a%2Fb", links.Invitation("a/b"));
    }

    [Fact]
    public void local_is_the_default_and_writes_files() =>
        Assert.IsType<LocalMailer>(Mailer(Host()));

    [Theory]
    [InlineData("Mail:SmtpHost", "smtp.example.test", "Mail__SmtpHost is now Smtp__Host")]
    [InlineData("Mail:SmtpPassword", "secret", "Mail__SmtpPassword is now Smtp__Password")]
    [InlineData("Mail:Provider", "embedded", "Mail__Provider=embedded is now Mail__Provider=local")]
    public void an_earlier_name_refuses_to_start_and_names_the_new_one(string key, string value, string said) =>
        Assert.Contains(said, Assert.Throws<InvalidOperationException>(() => Host((key, value)).AddMail()).Message);

    [Fact]
    public void so_do_the_earlier_names_of_the_bucket_keys() =>
        Assert.Contains("S3__AccessKeyId is now S3__AccessKey",
            Assert.Throws<InvalidOperationException>(() => Host(("S3:AccessKeyId", "AKIA")).AddFiles()).Message);

    private static IMailer Mailer(WebApplicationBuilder builder)
    {
        builder.AddMail();
        return builder.Services.BuildServiceProvider().GetRequiredService<IMailer>();
    }
}
