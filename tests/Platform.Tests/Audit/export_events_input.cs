using Platform.Api.Audit;

namespace Platform.Tests.Audit;

/// <summary>export-events says what is wrong with its command line before it reads anything.</summary>
public sealed class export_events_input
{
    [Fact]
    public void a_from_that_is_not_a_date_is_named()
    {
        var problem = ExportEventsCommand.Problem(new ExportEventsInput { FromFlag = "notadate" }, null);

        Assert.Contains("--from 'notadate' is not a date", problem);
    }

    [Fact]
    public void a_to_that_is_not_a_date_is_named()
    {
        Assert.Contains("--to 'yesterday'", ExportEventsCommand.Problem(new ExportEventsInput { ToFlag = "yesterday" }, null));
    }

    [Fact]
    public void an_unknown_event_type_is_named_with_the_known_ones()
    {
        var problem = ExportEventsCommand.Problem(new ExportEventsInput(), ["PaymentSucceeded", "NoSuchType"]);

        Assert.StartsWith("no event type named NoSuchType.", problem);
        Assert.Contains("PaymentSucceeded", problem);
    }

    [Fact]
    public void known_types_and_dates_pass()
    {
        Assert.Null(ExportEventsCommand.Problem(new ExportEventsInput { FromFlag = "2026-01-01", ToFlag = "2026-02-01T00:00:00Z" }, ["PaymentSucceeded"]));
    }
}
