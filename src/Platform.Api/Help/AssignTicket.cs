using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Api.Identity;
using Platform.Projections.Help;
using Platform.Projections.Identity;

namespace Platform.Api.Help;

public sealed record AssignTicket(Guid TicketId, Guid AssigneeId, Guid AssignedBy);

public static class AssignTicketHandler
{
    public static async Task Handle(AssignTicket command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Ticket>(command.TicketId, cancellation);
        var assigneeIsStaff = stream.Aggregate is { } ticket
            && HelpAccess.IsStaffFor(await session.LoadAsync<UserAccount>(command.AssigneeId, cancellation), ticket.Category);
        stream.AppendMany(Tickets.Assign(stream.Aggregate, command.AssigneeId, assigneeIsStaff, command.AssignedBy, clock.GetUtcNow()));
    }
}

public static class AssignTicketField
{
    public static void AddAssignTicket(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<TicketGraphType>>("assignTicket")
            .Description("Assigns the ticket to a staff member who may handle it (an admin; finance for PAYMENT and PAYOUT).")
            .Argument<NonNullGraphType<IdGraphType>>("ticketId")
            .Argument<NonNullGraphType<IdGraphType>>("assigneeId")
            .AllowOwn(HelpAccess.PaymentTicketStaff, Audience.Finance)
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var ticketId = c.IdArgument("ticketId");
                await c.Commands().InvokeAsync(new AssignTicket(ticketId, c.IdArgument("assigneeId"), c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<TicketView>(ticketId, c.CancellationToken);
            });
}
