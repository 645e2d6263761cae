using Platform.Api.Identity.Graph;
using GraphQL;
using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Help;
using Platform.Projections.Help;

namespace Platform.Api.Help.Graph;

public sealed class TicketGraphType : ObjectGraphType<TicketView>
{
    public TicketGraphType()
    {
        Name = "Ticket";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(t => t.Subject);
        Field(t => t.Body);
        Field<NonNullGraphType<EnumerationGraphType<TicketCategory>>>("category").Resolve(c => c.Source.Category);
        Field<IdGraphType>("relatedId").Resolve(c => c.Source.RelatedId);
        Field<NonNullGraphType<EnumerationGraphType<TicketStatus>>>("status").Resolve(c => c.Source.Status);
        Field<UserGraphType>("customer").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.CustomerId, c.CancellationToken));
        Field<UserGraphType>("assignee").ResolveAsync(async c =>
            c.Source.AssigneeId is { } id ? await c.RequestServices!.GetRequiredService<UserLookup>().Get(id, c.CancellationToken) : null);
        Field(t => t.OpenedAt);
        Field(t => t.UpdatedAt);
        Field(t => t.SolvedAt, nullable: true);
        Field(t => t.ClosedAt, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TicketReplyGraphType>>>>("replies")
            .Description("Oldest first; internal notes only when the caller is staff for this ticket.")
            .Resolve(c => HelpAccess.IsStaffFor(c.Caller(), c.Source.Category) ? c.Source.Replies : c.Source.Replies.Where(r => !r.Internal));
    }
}
