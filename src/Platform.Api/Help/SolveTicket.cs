using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Api.Identity;
using Platform.Contracts.Help;
using Platform.Projections.Help;
using Wolverine;

namespace Platform.Api.Help;

public sealed record SolveTicket(Guid TicketId, Guid SolvedBy);

public static class SolveTicketHandler
{
    /// <summary>Solving schedules the auto-close in the same transaction (Wolverine's durable outbox), so it is never lost.</summary>
    public static async Task Handle(SolveTicket command, IDocumentSession session, IMessageContext messages, HelpOptions options, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Ticket>(command.TicketId, cancellation);
        var events = Tickets.Solve(stream.Aggregate, command.SolvedBy, clock.GetUtcNow());
        stream.AppendMany(events);
        foreach (var solved in events.OfType<TicketStatusChanged>())
            await messages.ScheduleAsync(new CloseSolvedTicket(solved.TicketId, solved.ChangedAt), solved.ChangedAt + options.AutoCloseAfter);
    }
}

public static class SolveTicketField
{
    public static void AddSolveTicket(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<TicketGraphType>>("solveTicket")
            .Description("Marks the ticket solved; it closes by itself after Help__AutoCloseAfter (7 days) unless the customer answers.")
            .Argument<NonNullGraphType<IdGraphType>>("ticketId")
            .AllowOwn(HelpAccess.PaymentTicketStaff, Audience.Finance)
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var ticketId = c.IdArgument("ticketId");
                await c.Commands().InvokeAsync(new SolveTicket(ticketId, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<TicketView>(ticketId, c.CancellationToken);
            });
}
