using GraphQL.Types;
using JasperFx.Events.Projections;
using Marten;
using Platform.Projections.Social;
using Wolverine;
using Platform.Api.Infrastructure;
using Wolverine.Marten;

namespace Platform.Api.Mail;

public static class MailConfiguration
{
    /// <summary>
    /// The mail port (<c>Mail__Provider</c>: <c>local</c> writes .eml files, <c>smtp</c> sends with MailKit through the <c>Smtp</c> section), the signed links, and
    /// the Marten subscription that relays mail-worthy events into Wolverine's durable queues, and the digest schedule.
    /// </summary>
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        RenamedSettings.Refuse(builder.Configuration, ("Mail:SmtpHost", "Smtp__Host"), ("Mail:SmtpPort", "Smtp__Port"),
            ("Mail:SmtpSecurity", "Smtp__Security"), ("Mail:SmtpUser", "Smtp__User"), ("Mail:SmtpPassword", "Smtp__Password"));
        var options = builder.Configuration.GetSection("Mail").Get<MailOptions>() ?? new MailOptions();
        var smtp = builder.Configuration.GetSection("Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        builder.Services.AddSingleton(options);
        var apiOrigin = builder.Configuration["PLATFORM_URL"] is { Length: > 0 } url ? url : PlatformUrlConfiguration.DefaultUrl;
        builder.Services.AddSingleton(new SignedLinks(SignedLinks.LoadKey(options), apiOrigin));
        builder.Services.AddSingleton(new AppLinks((options.AppUrl.Length > 0 ? options.AppUrl : apiOrigin).TrimEnd('/')));
        builder.Services.AddSingleton<MailComposer>();
        builder.Services.AddSingleton<IMailer>(options.Provider.ToLowerInvariant() switch
        {
            "local" => new LocalMailer(options),
            "smtp" when smtp.Host.Length > 0 => new SmtpMailer(smtp),
            "smtp" => throw new InvalidOperationException("Mail__Provider=smtp needs Smtp__Host."),
            "embedded" => throw new InvalidOperationException("Mail__Provider=embedded is now Mail__Provider=local (the same .eml files)."),
            var other => throw new InvalidOperationException($"Mail__Provider is 'local' or 'smtp', not '{other}'."),
        });
        builder.Services.PublishEventsToWolverine("mail", MailNotificationsHandler.Relay);
        builder.Services.ConfigureMarten(marten =>
        {
            // Inline, so the digest schedule finds who wants a digest the moment they ask for one.
            marten.Projections.Snapshot<NotificationPreferences>(SnapshotLifecycle.Inline);
            marten.Schema.For<NotificationPreferences>().Index(p => p.Digest);
            marten.Schema.For<DigestSent>().Index(d => d.UserId);
        });
        // The feed port is made by a factory (embedded or Stream): the digest's handler gets it from the container.
        builder.Services.ConfigureWolverine(wolverine => wolverine.CodeGeneration.AlwaysUseServiceLocationFor<IFeeds>());
        builder.Services.AddHostedService<DigestScheduleStarter>();
        return builder;
    }

    public static void AddMailQueries(this ObjectGraphType query) => query.AddNotificationPreferencesQuery();

    public static void AddMailMutations(this ObjectGraphType mutation) => mutation.AddUpdateNotificationPreferences();

    public static void MapMail(this WebApplication app)
    {
        app.MapUnsubscribe();
        if (app.Services.GetRequiredService<MailOptions>().AppUrl.Length == 0) AppLinks.MapFallbackPages(app);
    }
}
