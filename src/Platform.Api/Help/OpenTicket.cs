using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Contracts.Help;
using Platform.Projections.Help;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Help;

public sealed record OpenTicketInput(string Subject, string Body, TicketCategory? Category, Guid? RelatedId);

public sealed class OpenTicketInputGraphType : InputObjectGraphType<OpenTicketInput>
{
    public OpenTicketInputGraphType()
    {
        Name = "OpenTicketInput";
        Field(i => i.Subject);
        Field(i => i.Body);
        Field(i => i.Category, type: typeof(EnumerationGraphType<TicketCategory>)).Description("Default GENERAL.");
        Field(i => i.RelatedId, type: typeof(IdGraphType)).Description("The purchase, payout, course or community the ticket is about.");
    }
}

public sealed record OpenTicket(Guid TicketId, OpenTicketInput Input, Guid CustomerId);

public static class OpenTicketHandler
{
    public static void Handle(OpenTicket command, IDocumentSession session, TimeProvider clock) =>
        session.Events.StartStream<Ticket>(command.TicketId, Tickets.Open(command.TicketId, command.Input.Subject, command.Input.Body,
            command.Input.Category ?? TicketCategory.General, command.Input.RelatedId, command.CustomerId, clock.GetUtcNow()));
}

public static class OpenTicketField
{
    public static void AddOpenTicket(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<TicketGraphType>>("openTicket")
            .Description("Asks support for help; admins (and finance, for PAYMENT and PAYOUT) answer.")
            .Argument<NonNullGraphType<OpenTicketInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var command = new OpenTicket(Guid.CreateVersion7(), c.GetArgument<OpenTicketInput>("input"), c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await c.Reads().LoadAsync<TicketView>(command.TicketId, c.CancellationToken);
            });
}
