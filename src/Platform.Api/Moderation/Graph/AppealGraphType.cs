using GraphQL.Types;
using Platform.Projections.Moderation;

namespace Platform.Api.Moderation.Graph;

public sealed class AppealGraphType : ObjectGraphType<AppealView>
{
    public AppealGraphType()
    {
        Name = "ModerationAppeal";
        Field(a => a.Text);
        Field(a => a.AppealedAt);
        Field(a => a.Open).Description("Waiting for a moderator: a decision or a restore answers it.");
    }
}
