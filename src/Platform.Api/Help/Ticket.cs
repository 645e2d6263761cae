using Platform.Api.Infrastructure;
using Platform.Contracts.Help;

namespace Platform.Api.Help;

/// <summary>The write model of a support ticket: whose it is, where it stands and since when it is solved.</summary>
public sealed record Ticket(Guid Id, Guid CustomerId, TicketCategory Category, TicketStatus Status, Guid? AssigneeId, DateTimeOffset? SolvedAt)
{
    public static Ticket Create(TicketOpened e) => new(e.TicketId, e.CustomerId, e.Category, TicketStatus.Open, null, null);

    public Ticket Apply(TicketAssigned e) => this with { AssigneeId = e.AssigneeId };

    public Ticket Apply(TicketStatusChanged e) => this with { Status = e.To, SolvedAt = e.To == TicketStatus.Solved ? e.ChangedAt : SolvedAt };
}

/// <summary>What the auto-close schedule should do: append these events, or come back at <c>RetryAt</c>.</summary>
public sealed record AutoCloseDecision(object[] Events, DateTimeOffset? RetryAt);

/// <summary>
/// A ticket's life: open → waiting on customer (staff answered) → open (the customer answered) → solved → closed, seven
/// days after solving unless the customer answers first (which reopens it). Internal notes change nothing but the record.
/// </summary>
public static class Tickets
{
    public const int MaxSubject = 200;
    public const int MaxBody = 10_000;

    public static TicketOpened Open(Guid ticketId, string subject, string body, TicketCategory category, Guid? relatedId, Guid customerId, DateTimeOffset now)
    {
        subject = subject.Trim();
        if (subject.Length is 0 or > MaxSubject) throw DomainException.Invalid($"A subject has 1 to {MaxSubject} characters.");
        return new TicketOpened(ticketId, subject, Text(body), category, relatedId, customerId, now);
    }

    public static object[] Reply(Ticket? ticket, Guid replyId, Guid authorId, bool byStaff, string body, bool isInternal, DateTimeOffset now)
    {
        if (ticket is null) throw DomainException.NotFound("The ticket");
        if (ticket.Status == TicketStatus.Closed) throw DomainException.Conflict("This ticket is closed; open a new one.");
        if (isInternal && !byStaff) throw new DomainException(ErrorCodes.Forbidden, "Only staff write internal notes.");
        var reply = new TicketReplied(ticket.Id, replyId, Text(body), isInternal, byStaff, ticket.CustomerId, ticket.AssigneeId, authorId, now);
        if (isInternal) return [reply];
        var next = byStaff ? TicketStatus.WaitingOnCustomer : TicketStatus.Open;
        return ticket.Status == next ? [reply] : [reply, new TicketStatusChanged(ticket.Id, ticket.Status, next, authorId, now)];
    }

    public static object[] Assign(Ticket? ticket, Guid assigneeId, bool assigneeIsStaff, Guid by, DateTimeOffset now)
    {
        if (ticket is null) throw DomainException.NotFound("The ticket");
        if (ticket.Status == TicketStatus.Closed) throw DomainException.Conflict("This ticket is closed.");
        if (!assigneeIsStaff) throw DomainException.Invalid("Tickets are assigned to staff who may handle them.");
        return ticket.AssigneeId == assigneeId ? [] : [new TicketAssigned(ticket.Id, assigneeId, by, now)];
    }

    public static object[] Solve(Ticket? ticket, Guid by, DateTimeOffset now)
    {
        if (ticket is null) throw DomainException.NotFound("The ticket");
        if (ticket.Status == TicketStatus.Closed) throw DomainException.Conflict("This ticket is closed.");
        return ticket.Status == TicketStatus.Solved ? [] : [new TicketStatusChanged(ticket.Id, ticket.Status, TicketStatus.Solved, by, now)];
    }

    /// <summary>
    /// The schedule made when the ticket was solved at <paramref name="solvedAt"/>. If it was reopened (or solved again
    /// later, which made a schedule of its own) this one does nothing; a schedule arriving early (clocks differ) comes back.
    /// </summary>
    public static AutoCloseDecision AutoClose(Ticket? ticket, DateTimeOffset solvedAt, TimeSpan after, DateTimeOffset now)
    {
        if (ticket is not { Status: TicketStatus.Solved } || ticket.SolvedAt != solvedAt) return new([], null);
        return now < solvedAt + after
            ? new([], solvedAt + after)
            : new([new TicketStatusChanged(ticket.Id, TicketStatus.Solved, TicketStatus.Closed, null, now)], null);
    }

    private static string Text(string body)
    {
        body = body.Trim();
        if (body.Length is 0 or > MaxBody) throw DomainException.Invalid($"A message has 1 to {MaxBody} characters.");
        return body;
    }
}
