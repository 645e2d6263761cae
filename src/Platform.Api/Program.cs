using JasperFx;
using Platform.Api.Audit;
using Platform.Api.Commerce;
using Platform.Api.GraphQL;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Ledger;
using Platform.Api.Live;
using Platform.Api.Social;
using Platform.Api.Video;

// JasperFx prints "Searching '<assembly>' for commands" before every host command until extensions were applied once:
// applying none first keeps that noise out of the commands' output.
new JasperFx.CommandLine.CommandFactory().ApplyExtensions(new ServiceCollection());
var builder = WebApplication.CreateBuilder(args);
if (args.FirstOrDefault() == "token") return TokenCommand.Run(args, builder.Configuration);
var servesRequests = args.Length == 0 || args[0] == "run" || args[0].StartsWith('-');
if (servesRequests && await DatabasePreflight.ProblemWith(builder.Configuration) is { } problem)
{
    await Console.Error.WriteLineAsync(problem);
    return 1;
}

builder.UsePlatformUrl()
    .AddPlatformLogging()
    .AddPlatformTelemetry()
    .AddEventStore()
    .AddPlatformIdentity()
    .AddLiveEvents()
    .AddPlatformGraphQL()
    .AddVideo()
    .AddSocial()
    .AddCommerce()
    .AddLedger()
    .AddPlatformHealth()
    .AddDemoData();

var app = builder.Build();
app.UseCorrelationAndRequestLogging();
app.MapPlatformHealth();
app.MapPlatformGraphQL();
app.MapLocalMedia();
app.MapVideoWebhook();
app.MapCommerce();
// export-events may write its NDJSON to stdout: JasperFx's own chatter ("Searching ... for commands") goes to stderr then.
if (args.FirstOrDefault() == ExportEventsCommand.Name) Spectre.Console.AnsiConsole.Console =
    Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(Console.Error) });
return await app.RunJasperFxCommands(args);

/// <summary>Lets tests boot the real application with Alba.</summary>
public partial class Program;
