using Serilog;
using Serilog.Context;
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
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Wolverine", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Marten", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("JasperFx", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Npgsql", Serilog.Events.LogEventLevel.Warning)
                .Enrich.FromLogContext();
            if (development) logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId} {TraceId}{NewLine}{Exception}");
            else logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
        return builder;
    }

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
                ? Serilog.Events.LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? Serilog.Events.LogEventLevel.Verbose : Serilog.Events.LogEventLevel.Information);
        return app;
    }
}
