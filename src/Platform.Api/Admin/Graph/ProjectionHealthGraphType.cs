using GraphQL.Types;

namespace Platform.Api.Admin.Graph;

public sealed class ProjectionHealthGraphType : ObjectGraphType<ProjectionHealth>
{
    public ProjectionHealthGraphType()
    {
        Name = "ProjectionHealth";
        Field(p => p.Name).Description("The projection or subscription shard, e.g. CommunityCard:All.");
        Field(p => p.Position).Description("The last event sequence it has processed.");
        Field(p => p.Lag).Description("Events between its position and the high-water mark.");
        Field(p => p.LastUpdated).Description("When its position was last written.");
        Field(p => p.Node, nullable: true).Description("The node running it, when the store records it (extended progression tracking); null otherwise.");
        Field(p => p.Stuck).Description($"Behind the high-water mark and not advanced for {SystemHealthQuery.StuckAfter.TotalSeconds:0} seconds.");
    }
}
