using Microsoft.Extensions.Time.Testing;
using Platform.Api.Help;
using Platform.Api.Infrastructure;
using Platform.Contracts.Help;

namespace Platform.Tests.Help;

/// <summary>A ticket's life on a fake clock: open, answered, solved, closed by the schedule seven days on.</summary>
public sealed class ticket_rules
{
    private static readonly Guid Customer = Guid.NewGuid();
    private static readonly Guid Agent = Guid.NewGuid();
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    private static Ticket Apply(Ticket ticket, IEnumerable<object> events) => events.Aggregate(ticket, (t, e) => e switch
    {
        TicketAssigned a => t.Apply(a),
        TicketStatusChanged s => t.Apply(s),
        _ => t,
    });

    private Ticket Opened() => Ticket.Create(Tickets.Open(Guid.NewGuid(), "Charged twice", "Please look", TicketCategory.Payment, null, Customer, clock.GetUtcNow()));

    [Fact]
    public void staff_answers_wait_on_the_customer_and_customer_answers_reopen()
    {
        var ticket = Opened();
        var answered = Tickets.Reply(ticket, Guid.NewGuid(), Agent, byStaff: true, "Hello", isInternal: false, clock.GetUtcNow());
        ticket = Apply(ticket, answered);
        Assert.Equal(TicketStatus.WaitingOnCustomer, ticket.Status);

        ticket = Apply(ticket, Tickets.Solve(ticket, Agent, clock.GetUtcNow()));
        var again = Tickets.Reply(ticket, Guid.NewGuid(), Customer, byStaff: false, "Not fixed", isInternal: false, clock.GetUtcNow());
        Assert.Equal(TicketStatus.Open, Apply(ticket, again).Status);
    }

    [Fact]
    public void an_internal_note_changes_no_status_and_only_staff_write_one()
    {
        var ticket = Opened();
        var note = Assert.IsType<TicketReplied>(Assert.Single(Tickets.Reply(ticket, Guid.NewGuid(), Agent, true, "Check the bank", isInternal: true, clock.GetUtcNow())));
        Assert.True(note.Internal);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() =>
            Tickets.Reply(ticket, Guid.NewGuid(), Customer, false, "Sneaky", isInternal: true, clock.GetUtcNow())).Code);
    }

    [Fact]
    public void the_schedule_closes_a_ticket_seven_days_after_solving_not_before()
    {
        var ticket = Opened();
        ticket = Apply(ticket, Tickets.Solve(ticket, Agent, clock.GetUtcNow()));
        var solvedAt = ticket.SolvedAt!.Value;

        clock.Advance(Week - TimeSpan.FromMinutes(1));
        var early = Tickets.AutoClose(ticket, solvedAt, Week, clock.GetUtcNow());
        Assert.Empty(early.Events);
        Assert.Equal(solvedAt + Week, early.RetryAt);

        clock.Advance(TimeSpan.FromMinutes(1));
        var closed = Assert.IsType<TicketStatusChanged>(Assert.Single(Tickets.AutoClose(ticket, solvedAt, Week, clock.GetUtcNow()).Events));
        Assert.Equal((TicketStatus.Closed, (Guid?)null, solvedAt + Week), (closed.To, closed.ChangedBy, closed.ChangedAt));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() =>
            Tickets.Reply(Apply(ticket, [closed]), Guid.NewGuid(), Customer, false, "Hello?", false, clock.GetUtcNow())).Code);
    }

    [Fact]
    public void a_schedule_from_an_earlier_solve_does_nothing_once_the_ticket_was_reopened_or_solved_again()
    {
        var ticket = Opened();
        ticket = Apply(ticket, Tickets.Solve(ticket, Agent, clock.GetUtcNow()));
        var firstSolve = ticket.SolvedAt!.Value;
        ticket = Apply(ticket, Tickets.Reply(ticket, Guid.NewGuid(), Customer, false, "Again", false, clock.GetUtcNow()));
        clock.Advance(Week);
        var stale = Tickets.AutoClose(ticket, firstSolve, Week, clock.GetUtcNow());
        Assert.Equal((0, (DateTimeOffset?)null), (stale.Events.Length, stale.RetryAt));

        ticket = Apply(ticket, Tickets.Solve(ticket, Agent, clock.GetUtcNow()));
        Assert.Empty(Tickets.AutoClose(ticket, firstSolve, Week, clock.GetUtcNow() + Week).Events);
    }

    [Fact]
    public void tickets_go_to_staff_who_may_handle_them()
    {
        var ticket = Opened();
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Tickets.Assign(ticket, Customer, assigneeIsStaff: false, Agent, clock.GetUtcNow())).Code);
        var assigned = Assert.IsType<TicketAssigned>(Assert.Single(Tickets.Assign(ticket, Agent, true, Agent, clock.GetUtcNow())));
        Assert.Empty(Tickets.Assign(ticket.Apply(assigned), Agent, true, Agent, clock.GetUtcNow()));
    }
}
