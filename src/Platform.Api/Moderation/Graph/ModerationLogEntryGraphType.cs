using GraphQL.Types;
using Platform.Projections.Moderation;

namespace Platform.Api.Moderation.Graph;

public sealed class ModerationLogEntryGraphType : ObjectGraphType<ModerationLogEntry>
{
    public ModerationLogEntryGraphType()
    {
        Name = "ModerationLogEntry";
        Field(e => e.Action).Description("REPORT, AUTO_HIDE, HIDE, DISMISS, DELETE, WARN, BAN, RESTORE or APPEAL.");
        Field(e => e.Reason);
        Field<IdGraphType>("actorId").Description("Null for what the platform did by itself (AUTO_HIDE).").Resolve(c => c.Source.ActorId);
        Field(e => e.At);
    }
}
