using Platform.Api.Identity.Graph;
using GraphQL;
using GraphQL.Types;
using Platform.Api.Identity;
using Platform.Projections.Help;

namespace Platform.Api.Help.Graph;

public sealed class TicketReplyGraphType : ObjectGraphType<TicketReplyView>
{
    public TicketReplyGraphType()
    {
        Name = "TicketReply";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<UserGraphType>("author").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.AuthorId, c.CancellationToken));
        Field(r => r.Body);
        Field(r => r.Internal).Description("A note for staff only.");
        Field(r => r.ByStaff);
        Field(r => r.At);
    }
}
