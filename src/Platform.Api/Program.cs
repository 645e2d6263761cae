using JasperFx;
using Platform.Api.Communities;
using Platform.Api.GraphQL;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Live;

var builder = WebApplication.CreateBuilder(args);
if (args.FirstOrDefault() == "token") return TokenCommand.Run(args, builder.Configuration);

builder.UsePlatformUrl()
    .AddPlatformLogging()
    .AddEventStore()
    .AddPlatformIdentity()
    .AddLiveEvents()
    .AddPlatformGraphQL()
    .AddPlatformHealth()
    .AddDemoData();

var app = builder.Build();
app.UseCorrelationAndRequestLogging();
app.MapPlatformHealth();
app.MapPlatformGraphQL();
return await app.RunJasperFxCommands(args);

/// <summary>Lets tests boot the real application with Alba.</summary>
public partial class Program;
