using JasperFx;
using Platform.Api.Admin;
using Platform.Api.Analytics;
using Platform.Api.Audit;
using Platform.Api.Calendar;
using Platform.Api.Chat;
using Platform.Api.Cluster;
using Platform.Api.Help;
using Platform.Api.Commerce;
using Platform.Api.Communities;
using Platform.Api.Engagement;
using Platform.Api.Files;
using Platform.Api.GraphQL;
using Platform.Api.Identity;
using Platform.Api.Integration;
using Platform.Api.Infrastructure;
using Platform.Api.Ledger;
using Platform.Api.Payouts;
using Platform.Api.Live;
using Platform.Api.Mail;
using Platform.Api.Moderation;
using Platform.Api.Privacy;
using Platform.Api.Security;
using Platform.Api.Social;
using Platform.Api.Video;

// JasperFx prints "Searching '<assembly>' for commands" before every host command until extensions were applied once:
// applying none first keeps that noise out of the commands' output.
new JasperFx.CommandLine.CommandFactory().ApplyExtensions(new ServiceCollection());
var builder = WebApplication.CreateBuilder(args);
if (args.FirstOrDefault() == "token") return TokenCommand.Run(args, builder.Configuration);
var servesRequests = args.Length == 0 || args[0] == "run" || args[0].StartsWith('-');
if (servesRequests && ProductionSafety.UnsafeSettings(builder.Configuration, builder.Environment) is { Count: > 0 } unsafeSettings)
{
    await Console.Error.WriteLineAsync($"Refusing to start in {builder.Environment.EnvironmentName} with development settings:");
    foreach (var line in unsafeSettings) await Console.Error.WriteLineAsync($"  {line}");
    return 1;
}
if (servesRequests && await DatabasePreflight.ProblemWith(builder.Configuration) is { } problem)
{
    await Console.Error.WriteLineAsync(problem);
    return 1;
}

builder.UsePlatformUrl()
    .AddPlatformLogging()
    .AddHttpHardening()
    .AddRateLimits()
    .AddPlatformTelemetry()
    .AddEventStore(replaying: args is ["projections", "rebuild", ..])
    .AddPlatformIdentity()
    .AddCommunities()
    .AddLiveEvents()
    .AddPlatformGraphQL()
    .AddVideo()
    .AddSocial()
    .AddEngagement()
    .AddCommerce()
    .AddLedger()
    .AddPayouts()
    .AddMail()
    .AddCalendar()
    .AddChat()
    .AddHelp()
    .AddModeration()
    .AddPrivacy()
    .AddFiles()
    .AddAdmin()
    .AddIntegrationEvents()
    .AddCluster()
    .AddPlatformHealth()
    .AddDemoData();

var app = builder.Build();
app.UseCorrelationAndRequestLogging();
app.UseHttpHardening();
app.UseRateLimiter();
app.MapPlatformHealth();
app.MapPlatformGraphQL();
app.MapLocalMedia();
app.MapLocalFiles();
app.MapVideoWebhook();
app.MapCommerce();
app.MapMail();
app.MapCalendar();
app.MapAnalytics();
// A rebuild reads every event in pages planned from the event tables' statistics: make them current first.
if (args is ["projections", "rebuild", ..]) await EventTableStatistics.Analyze(app.Services, CancellationToken.None);
app.MapPrivacy();
// export-events may write its NDJSON to stdout: JasperFx's own chatter ("Searching ... for commands") goes to stderr then.
if (args.FirstOrDefault() == ExportEventsCommand.Name) Spectre.Console.AnsiConsole.Console =
    Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(Console.Error) });
return await app.RunJasperFxCommands(args);

/// <summary>Lets tests boot the real application with Alba.</summary>
public partial class Program;
