using JasperFx;
using JasperFx.Events;
using Platform.Api.Infrastructure;
using Serilog.Events;
using Serilog.Parsing;

namespace Platform.Tests.Infrastructure;

/// <summary>Which errors the log leaves out: each attempt that lost a race on a stream, which Wolverine decides again.</summary>
public class a_lost_race_in_the_logs
{
    // As the two libraries log them (seen in the API's JSON log of a demo-data load).
    private const string WolverineAttempt = "Failed to process message {Name}#{envelope} from {ReplyUri}";
    private const string MartenAttempt = "Marten encountered an exception executing {SQL}";
    private const string WolverineDeadLetter = "Envelope {envelope} was moved to the error queue";

    private static LogEvent Error(string source, string template, Exception exception) => new(DateTimeOffset.UtcNow, LogEventLevel.Error,
        exception, new MessageTemplateParser().Parse(template), [new LogEventProperty("SourceContext", new ScalarValue(source))]);

    private static readonly Guid Stream = Guid.NewGuid();

    [Fact]
    public void each_attempt_that_lost_a_race_is_left_out()
    {
        Assert.True(LoggingConfiguration.RetriedRace(Error("Platform.Api.Engagement.CheckLevel", WolverineAttempt,
            new Marten.Exceptions.ExistingStreamIdCollisionException(Stream, typeof(object)))));
        Assert.True(LoggingConfiguration.RetriedRace(Error("Platform.Api.Files.ProcessImage", WolverineAttempt,
            new EventStreamUnexpectedMaxEventIdException(Stream, typeof(object), 2, -1))));
        Assert.True(LoggingConfiguration.RetriedRace(Error("Marten.IDocumentStore", MartenAttempt, new ConcurrencyException(typeof(object), Stream))));
    }

    [Fact]
    public void the_race_that_ran_out_of_retries_is_kept() =>
        Assert.False(LoggingConfiguration.RetriedRace(Error("Platform.Api.Engagement.CheckLevel", WolverineDeadLetter,
            new Marten.Exceptions.ExistingStreamIdCollisionException(Stream, typeof(object)))));

    [Fact]
    public void any_other_failure_is_kept()
    {
        Assert.False(LoggingConfiguration.RetriedRace(Error("Platform.Api.Files.ProcessImage", WolverineAttempt, new InvalidOperationException("disk full"))));
        Assert.False(LoggingConfiguration.RetriedRace(Error("Marten.IDocumentStore", MartenAttempt, new TimeoutException())));
        Assert.False(LoggingConfiguration.RetriedRace(Error("Platform.Api.Commerce.StartCheckout", "Checkout {Id} failed",
            new ConcurrencyException(typeof(object), Stream))));
    }

    [Fact]
    public void the_retry_policy_and_the_log_agree_on_what_a_lost_race_is() =>
        Assert.True(EventStoreConfiguration.LostRace(new EventStreamUnexpectedMaxEventIdException(Stream, typeof(object), 2, -1))
                    && EventStoreConfiguration.LostRace(new Marten.Exceptions.ExistingStreamIdCollisionException(Stream, typeof(object)))
                    && !EventStoreConfiguration.LostRace(new InvalidOperationException()));
}
