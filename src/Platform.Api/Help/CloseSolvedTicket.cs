using Marten;
using Wolverine;

namespace Platform.Api.Help;

/// <summary>Scheduled when a ticket is solved at <c>SolvedAt</c>: closes it once the wait is over, if nothing reopened it.</summary>
public sealed record CloseSolvedTicket(Guid TicketId, DateTimeOffset SolvedAt) : Audit.IAuditedAs
{
    public string AuditedAs => Audit.AuditContext.Schedule("ticket-auto-close");
}

public static class CloseSolvedTicketHandler
{
    public static async Task Handle(CloseSolvedTicket message, IDocumentSession session, IMessageContext messages, HelpOptions options, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Ticket>(message.TicketId, cancellation);
        var decision = Tickets.AutoClose(stream.Aggregate, message.SolvedAt, options.AutoCloseAfter, clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        if (decision.RetryAt is { } retryAt) await messages.ScheduleAsync(message, retryAt);
    }
}
