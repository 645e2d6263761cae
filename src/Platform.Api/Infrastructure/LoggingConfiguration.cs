using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Platform.Api.Infrastructure;

public static class LoggingConfiguration
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>Serilog: readable console in Development, compact JSON otherwise.</summary>
    public static WebApplicationBuilder AddPlatformLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Wolverine", LogEventLevel.Warning)
                .MinimumLevel.Override("Marten", LogEventLevel.Warning)
                .MinimumLevel.Override("JasperFx", LogEventLevel.Warning)
                .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
                .Filter.ByExcluding(RetriedRace)
                .Enrich.FromLogContext();
            if (development) logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId} {TraceId}{NewLine}{Exception}");
            else logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
        return builder;
    }

    /// <summary>
    /// Marten and Wolverine log every failed attempt as an error with its stack trace, a lost race on a stream too, which
    /// Wolverine then decides again on fresh state (<see cref="EventStoreConfiguration.LostRace"/>): the demo data's concurrent
    /// level checks and image processing alone printed forty. Only the outcome is kept: Wolverine's "moved to the error queue"
    /// once the retries are spent, or the caller's CONFLICT. Matched on the two messages' text, so a library that rewords them
    /// shows the attempts again rather than hiding anything else.
    /// </summary>
    public static bool RetriedRace(LogEvent logEvent) =>
        logEvent.Exception is { } exception && EventStoreConfiguration.LostRace(exception)
        // Wolverine's, under the message type's name; Marten's, under Marten.IDocumentStore, once per statement of the batch.
        && (logEvent.MessageTemplate.Text.StartsWith("Failed to process message ", StringComparison.Ordinal)
            || logEvent.MessageTemplate.Text.StartsWith("Marten encountered an exception executing", StringComparison.Ordinal));

    /// <summary>
    /// One correlation id per request (the trace identifier), taken from <c>X-Correlation-Id</c> when the caller
    /// sends a sane one: echoed in the response, on every log line, and stamped on commands by <see cref="CommandContext"/>.
    /// </summary>
    public static WebApplication UseCorrelationAndRequestLogging(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var sent = http.Request.Headers[CorrelationHeader].ToString();
            var correlationId = sent.Length is > 0 and <= 64 && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
                ? sent
                : Guid.NewGuid().ToString("N");
            http.TraceIdentifier = correlationId;
            http.Response.Headers[CorrelationHeader] = correlationId;
            // Ties the two: the request's span carries the correlation id, and Serilog stamps each event with the trace id (@tr).
            System.Diagnostics.Activity.Current?.SetTag("correlation.id", correlationId);
            using (LogContext.PushProperty("CorrelationId", correlationId))
                await next(http);
        });
        app.UseSerilogRequestLogging(options =>
            options.GetLevel = (http, _, error) => error is not null || http.Response.StatusCode >= 500
                ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose : LogEventLevel.Information);
        return app;
    }
}
