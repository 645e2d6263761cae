using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Api.Identity;
using Platform.Contracts.Help;
using Platform.Contracts.Identity;
using Platform.Projections.Help;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Help;

public static class TicketQueries
{
    public static void AddTickets(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<TicketGraphType, TicketView>>>("tickets")
            .Description("Latest activity first: a member's own tickets; every ticket for admins; finance also PAYMENT and PAYOUT tickets.")
            .Argument<EnumerationGraphType<TicketStatus>>("status")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowOwn(HelpAccess.OwnTickets, SignedIn)
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var (caller, userId) = (c.Caller(), c.UserId());
                var tickets = c.Reads().Query<TicketView>().AsQueryable();
                if (!caller.Holds(Role.Admin))
                    tickets = caller.Holds(Role.Finance)
                        ? tickets.Where(t => t.CustomerId == userId || t.Category == TicketCategory.Payment || t.Category == TicketCategory.Payout)
                        : tickets.Where(t => t.CustomerId == userId);
                if (c.GetArgument<TicketStatus?>("status") is { } status) tickets = tickets.Where(t => t.Status == status);
                return await tickets.NewestFirst(c, t => t.UpdatedAt, t => t.Id);
            });

    public static void AddTicket(this ObjectGraphType query) =>
        query.Field<TicketGraphType>("ticket")
            .Description("One ticket with its replies; internal notes only for staff.")
            .Argument<NonNullGraphType<IdGraphType>>("ticketId")
            .AllowOwn(HelpAccess.TicketParty, SignedIn)
            .Allow(Audience.Admin)
            .ResolveAsync(async c => await c.Reads().LoadAsync<TicketView>(c.IdArgument("ticketId"), c.CancellationToken)
                ?? throw Infrastructure.DomainException.NotFound("The ticket"));
}
