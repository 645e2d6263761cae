using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Platform.Api.Mail;

/// <summary>The <c>Mail</c> configuration section.</summary>
public sealed class MailOptions
{
    /// <summary><c>local</c> (the default: .eml files under <see cref="Folder"/>) or <c>smtp</c> (the <c>Smtp</c> section).</summary>
    public string Provider { get; set; } = "local";
    public string Folder { get; set; } = Path.Combine(".platform", "mail");
    public string From { get; set; } = "Platform <no-reply@platform.localhost>";
    /// <summary>The web app's address, where links in mail to its pages open (<see cref="AppLinks"/>); empty: this API's, with fallback pages.</summary>
    public string AppUrl { get; set; } = "";
    /// <summary>Signs unsubscribe and calendar links (base64, 32 bytes or more); without it, the key kept at <see cref="LinkKeyPath"/>.</summary>
    public string LinkKey { get; set; } = "";
    public string LinkKeyPath { get; set; } = Path.Combine(".platform", "keys", "link.key");
}

/// <summary>The <c>Smtp</c> configuration section: the server <c>Mail__Provider=smtp</c> sends through.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// <summary><c>StartTls</c> (the default), <c>SslOnConnect</c>, or <c>None</c> (a local relay only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
}

/// <summary>The mail port: hands one finished message to whatever delivers it.</summary>
public interface IMailer
{
    Task Send(MimeMessage message, CancellationToken cancellation);
}

/// <summary>
/// Writes each message as an .eml file a developer can open; the file is named by the message id, so a repeat overwrites it. Written
/// beside it first and renamed into place, so whoever reads the folder never opens half a message.
/// </summary>
public sealed class LocalMailer(MailOptions options) : IMailer
{
    public async Task Send(MimeMessage message, CancellationToken cancellation)
    {
        Directory.CreateDirectory(options.Folder);
        var id = message.MessageId ?? throw new ArgumentException("A message to send has a Message-ID.", nameof(message));
        var path = Path.Combine(options.Folder, $"{id.Split('@')[0]}.eml");
        var writing = $"{path}.{Guid.NewGuid():N}.tmp";
        await message.WriteToAsync(writing, cancellation);
        File.Move(writing, path, overwrite: true);
    }
}

/// <summary>Delivers through an SMTP server with MailKit: one connection per message, which is plenty at notification volume.</summary>
public sealed class SmtpMailer(SmtpOptions options) : IMailer
{
    public async Task Send(MimeMessage message, CancellationToken cancellation)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.Host, options.Port, options.Security, cancellation);
        if (options.User.Length > 0) await smtp.AuthenticateAsync(options.User, options.Password, cancellation);
        await smtp.SendAsync(message, cancellation);
        await smtp.DisconnectAsync(quit: true, cancellation);
    }
}
