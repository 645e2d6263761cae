using GraphQL;
using GraphQL.Types;
using Platform.Api.Identity;
using Platform.Api.Identity.Graph;
using Platform.Contracts.Moderation;
using Platform.Projections.Moderation;

namespace Platform.Api.Moderation.Graph;

public sealed class ReportGraphType : ObjectGraphType<ReportView>
{
    public ReportGraphType()
    {
        Name = "Report";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<ReportReason>>>("reason").Resolve(c => c.Source.Reason);
        Field(r => r.Text, nullable: true);
        Field(r => r.ReportedAt);
        Field(r => r.Open).Description("Waiting for a moderator's decision.");
        Field<UserGraphType>("reporter").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.ReporterId, c.CancellationToken));
    }
}
