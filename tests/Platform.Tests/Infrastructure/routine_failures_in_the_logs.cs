using JasperFx;
using JasperFx.Events;
using Platform.Api.Infrastructure;
using Serilog.Events;
using Serilog.Parsing;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// What the log leaves out (routine failures: a queued attempt that lost a race, a command refused for a reason its caller is told)
/// and what it never carries (a failed command's content, a failed statement's values).
/// </summary>
public class routine_failures_in_the_logs
{
    // As the two libraries log them (seen in the API's JSON log of a demo-data load).
    private const string WolverineAttempt = "Failed to process message {Name}#{envelope} from {ReplyUri}";
    private const string WolverineInvocation = "Invocation of {Message} failed!";
    private const string MartenStatement = "Marten encountered an exception executing \n{SQL}\n{PARAMS}";
    private const string WolverineDeadLetter = "Envelope {envelope} was moved to the error queue";

    private static LogEvent Error(string source, string template, Exception exception, params LogEventProperty[] properties) => new(
        DateTimeOffset.UtcNow, LogEventLevel.Error, exception, new MessageTemplateParser().Parse(template),
        [new LogEventProperty("SourceContext", new ScalarValue(source)), .. properties]);

    private static readonly Guid Stream = Guid.NewGuid();
    private static readonly Exception Race = new Marten.Exceptions.ExistingStreamIdCollisionException(Stream, typeof(object));

    [Fact]
    public void a_queued_attempt_that_lost_a_race_is_left_out()
    {
        Assert.True(LoggingConfiguration.Routine(Error("Platform.Api.Engagement.CheckLevel", WolverineAttempt, Race)));
        Assert.True(LoggingConfiguration.Routine(Error("Platform.Api.Files.ProcessImage", WolverineAttempt,
            new EventStreamUnexpectedMaxEventIdException(Stream, typeof(object), 2, -1))));
        Assert.True(LoggingConfiguration.Routine(Error("Marten.IDocumentStore", MartenStatement, new ConcurrencyException(typeof(object), Stream))));
    }

    [Fact]
    public void a_command_refused_for_a_reason_its_caller_is_told_is_left_out()
    {
        Assert.True(LoggingConfiguration.Routine(Error("Wolverine.Runtime.WolverineRuntime", WolverineInvocation,
            new DomainException(ErrorCodes.Validation, "A community name is 1 to 80 characters."))));
        Assert.True(LoggingConfiguration.Routine(Error("Wolverine.Runtime.WolverineRuntime", WolverineInvocation,
            new DocumentAlreadyExistsException(new Exception("duplicate key"), typeof(object), "qa-open-b"))));
        Assert.True(LoggingConfiguration.Routine(Error("Marten.IDocumentStore", MartenStatement,
            new DocumentAlreadyExistsException(new Exception("duplicate key"), typeof(object), "qa-open-b"))));
    }

    [Fact]
    public void what_ran_out_of_retries_and_every_other_failure_is_kept()
    {
        Assert.False(LoggingConfiguration.Routine(Error("Platform.Api.Engagement.CheckLevel", WolverineDeadLetter, Race)));
        Assert.False(LoggingConfiguration.Routine(Error("Platform.Api.Files.ProcessImage", WolverineAttempt, new InvalidOperationException("disk full"))));
        // A rule that refuses a queued message has no caller to tell: it is an error.
        Assert.False(LoggingConfiguration.Routine(Error("Platform.Api.Mail.SendMail", WolverineAttempt, new DomainException(ErrorCodes.Validation, "no"))));
        Assert.False(LoggingConfiguration.Routine(Error("Wolverine.Runtime.WolverineRuntime", WolverineInvocation, new TimeoutException())));
        Assert.False(LoggingConfiguration.Routine(Error("Marten.IDocumentStore", MartenStatement, new TimeoutException())));
        Assert.False(LoggingConfiguration.Routine(Error("Platform.Api.Commerce.StartCheckout", "Checkout {Id} failed", Race)));
    }

    [Fact]
    public void a_failed_command_keeps_its_type_and_a_failed_statement_its_sql_but_not_their_content()
    {
        var invocation = Error("Wolverine.Runtime.WolverineRuntime", WolverineInvocation, new TimeoutException(),
            new LogEventProperty("Message", new ScalarValue("SendMessage { Body = are you there, ConversationId = 42 }")));
        var statement = Error("Marten.IDocumentStore", MartenStatement, new TimeoutException(),
            new LogEventProperty("SQL", new ScalarValue("insert into platform.mt_events (data) values ($1)")),
            new LogEventProperty("PARAMS", new ScalarValue("  : {\"body\":\"are you there\"}")));
        var enricher = new LoggingConfiguration.LeaveOutContent();
        enricher.Enrich(invocation, null!);
        enricher.Enrich(statement, null!);

        Assert.Equal("Invocation of \"SendMessage\" failed!", invocation.RenderMessage());
        Assert.Contains("insert into platform.mt_events", statement.RenderMessage());
        Assert.DoesNotContain("are you there", invocation.RenderMessage() + statement.RenderMessage());
    }

    [Fact]
    public void the_retry_policy_and_the_log_agree_on_what_a_lost_race_is() =>
        Assert.True(EventStoreConfiguration.LostRace(new EventStreamUnexpectedMaxEventIdException(Stream, typeof(object), 2, -1))
                    && EventStoreConfiguration.LostRace(Race)
                    && !EventStoreConfiguration.LostRace(new InvalidOperationException()));
}
