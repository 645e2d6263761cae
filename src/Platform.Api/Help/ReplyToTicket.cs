using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Api.Identity;
using Platform.Projections.Help;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Help;

public sealed record ReplyToTicket(Guid TicketId, Guid ReplyId, string Body, bool Internal, Guid AuthorId);

public static class ReplyToTicketHandler
{
    /// <summary>Staff answering moves the ticket to waiting on the customer; the customer answering opens it again (even when solved).</summary>
    public static async Task Handle(ReplyToTicket command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Ticket>(command.TicketId, cancellation);
        var byStaff = stream.Aggregate is { } ticket && ticket.CustomerId != command.AuthorId
            && HelpAccess.IsStaffFor(await session.LoadAsync<UserAccount>(command.AuthorId, cancellation), ticket.Category);
        stream.AppendMany(Tickets.Reply(stream.Aggregate, command.ReplyId, command.AuthorId, byStaff, command.Body, command.Internal, clock.GetUtcNow()));
    }
}

public static class ReplyToTicketField
{
    public static void AddReplyToTicket(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<TicketGraphType>>("replyToTicket")
            .Description("Answers on a ticket; staff may write an internal note instead, which the customer never sees. The other side is notified.")
            .Argument<NonNullGraphType<IdGraphType>>("ticketId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .Argument<BooleanGraphType>("internal", "Staff only: a note for staff. Default false.")
            .AllowOwn(HelpAccess.TicketParty, SignedIn)
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var ticketId = c.IdArgument("ticketId");
                await c.Commands().InvokeAsync(new ReplyToTicket(ticketId, Guid.CreateVersion7(), c.GetArgument<string>("body"), c.GetArgument("internal", false),
                    c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<TicketView>(ticketId, c.CancellationToken);
            });
}
