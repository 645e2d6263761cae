using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;
using Platform.Api.Communities.Graph;
using Platform.Projections.Communities;

namespace Platform.Api.Identity.Graph;

public sealed class CommunitiesSectionGraphType : ObjectGraphType<CommunitiesSection>
{
    public CommunitiesSectionGraphType()
    {
        Name = "CommunitiesSection";
        Description = "The communities in which the caller holds the section's role.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommunityGraphType>>>>("communities")
            .ResolveAsync(async c => await c.Reads().LoadManyAsync<CommunityCard>(c.CancellationToken, c.Source.CommunityIds));
    }
}
