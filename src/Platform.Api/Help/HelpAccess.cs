using GraphQL;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Help;
using Platform.Contracts.Identity;
using Platform.Projections.Help;
using Platform.Projections.Identity;

namespace Platform.Api.Help;

/// <summary>
/// Who handles support: admins every ticket, finance the payment and payout ones. Customers see their own tickets
/// without the staff's internal notes.
/// </summary>
public static class HelpAccess
{
    public static bool IsPaymentCategory(TicketCategory category) => category is TicketCategory.Payment or TicketCategory.Payout;

    public static bool IsStaffFor(UserAccount? user, TicketCategory category) =>
        user is not null && (user.Holds(Role.Admin) || (user.Holds(Role.Finance) && IsPaymentCategory(category)));

    public static bool IsStaffFor(Caller caller, TicketCategory category) => IsStaffFor(caller.Account, category);

    /// <summary>"Own" for <c>ticket</c> and <c>replyToTicket</c>: the ticket's customer, or finance on a payment or payout ticket.</summary>
    public static readonly Ownership TicketParty = new("the ticket's customer; finance on PAYMENT and PAYOUT tickets",
        async (context, caller) => await TicketIn(context) is { } ticket && (ticket.CustomerId == caller.UserId || IsStaffFor(caller, ticket.Category)),
        HideOthers: true);

    /// <summary>"Own" for <c>assignTicket</c> and <c>solveTicket</c>: finance on a payment or payout ticket.</summary>
    public static readonly Ownership PaymentTicketStaff = new("finance on PAYMENT and PAYOUT tickets",
        async (context, caller) => await TicketIn(context) is { } ticket && IsStaffFor(caller, ticket.Category), HideOthers: true);

    /// <summary>"Own" for <c>tickets</c>: the caller's own tickets, and for finance the payment and payout ones.</summary>
    public static readonly Ownership OwnTickets = new("the caller's own tickets; finance also PAYMENT and PAYOUT tickets",
        (_, caller) => Task.FromResult(caller.IsSignedIn));

    private static async Task<TicketView?> TicketIn(IResolveFieldContext context) =>
        Guid.TryParse(context.GetArgument<string?>("ticketId"), out var id) ? await context.Reads().LoadAsync<TicketView>(id, context.CancellationToken) : null;
}
