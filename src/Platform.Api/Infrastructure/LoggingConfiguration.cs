using Serilog;
using Serilog.Context;
using Serilog.Core;
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
                .Enrich.With<LeaveOutContent>()
                .Filter.ByExcluding(Routine)
                .Enrich.FromLogContext();
            if (development) logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId} {TraceId}{NewLine}{Exception}");
            else logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
        return builder;
    }

    private const string FailedAttempt = "Failed to process message "; // Wolverine's, for a queued message, under its type's name
    private const string FailedInvocation = "Invocation of {Message} failed!"; // Wolverine's, for a command invoked from a request
    private const string FailedStatement = "Marten encountered an exception executing"; // Marten's, once per statement of the batch

    /// <summary>
    /// Failures that are routine, left out of the log: Marten and Wolverine write each as an error with its stack trace (forty on the
    /// demo data's load alone), which buried the platform's real errors. (1) A queued message's attempt that lost a race on a stream
    /// (<see cref="EventStoreConfiguration.LostRace"/>): Wolverine decides it again on fresh state, and says "moved to the error queue"
    /// if the retries run out. (2) A command invoked from a request, and its statements, failing for a reason the caller is told
    /// (<see cref="GraphQL.GraphQLConfiguration.ErrorForCaller"/>: a rule refused it, something was taken, a lost race): the answer
    /// carries the code and the request keeps its own log line. Matched on the libraries' texts, so a library that rewords them
    /// shows these again rather than hiding anything else.
    /// </summary>
    public static bool Routine(LogEvent logEvent)
    {
        if (logEvent.Exception is not { } exception) return false;
        var text = logEvent.MessageTemplate.Text;
        return text.StartsWith(FailedAttempt, StringComparison.Ordinal) && EventStoreConfiguration.LostRace(exception)
            || (text == FailedInvocation || text.StartsWith(FailedStatement, StringComparison.Ordinal))
            && GraphQL.GraphQLConfiguration.ErrorForCaller(exception) is not null;
    }

    /// <summary>
    /// Logs carry ids, not content: Wolverine writes a failed command whole (a message's text, an invitation's token), Marten a failed
    /// statement's parameter values (documents and events). The command keeps its type name, the statement its SQL.
    /// </summary>
    public sealed class LeaveOutContent : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory)
        {
            // The command arrives as its text (a record's: "SendMessage { Body = ... }"), or as itself.
            if (logEvent.MessageTemplate.Text == FailedInvocation && logEvent.Properties.TryGetValue("Message", out var message)
                && message is ScalarValue { Value: { } command })
                logEvent.AddOrUpdateProperty(new LogEventProperty("Message",
                    new ScalarValue(command is string text ? text.Split(' ', 2)[0] : command.GetType().Name)));
            if (logEvent.MessageTemplate.Text.StartsWith(FailedStatement, StringComparison.Ordinal) && logEvent.Properties.ContainsKey("PARAMS"))
                logEvent.AddOrUpdateProperty(new LogEventProperty("PARAMS", new ScalarValue("(parameter values left out)")));
        }
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
                ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose : LogEventLevel.Information);
        return app;
    }
}
