using GraphQL.Types;
using Marten;

namespace Platform.Api.Communities;

/// <summary>The Communities module's table of contents: its Marten schema lines and its GraphQL fields.</summary>
public static class CommunitiesConfiguration
{
    public static WebApplicationBuilder AddCommunities(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(options => options.Schema.For<SlugClaim>().Identity(c => c.Id));
        return builder;
    }

    public static void AddCommunityQueries(this ObjectGraphType query)
    {
        query.AddCommunitiesQuery();
        query.AddCommunityQuery();
        query.AddMembersQuery();
        query.AddJoinRequestsQuery();
        query.AddMyCommunitiesQuery();
    }

    public static void AddCommunityMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateCommunity();
        mutation.AddUpdateCommunitySettings();
        mutation.AddSetLevelNames();
        mutation.AddJoinCommunity();
        mutation.AddLeaveCommunity();
        mutation.AddApproveJoinRequest();
        mutation.AddRejectJoinRequest();
        mutation.AddBanMember();
        mutation.AddUnbanMember();
        mutation.AddInviteMember();
        mutation.AddAcceptInvite();
    }

    public static void AddCommunitySubscriptions(this ObjectGraphType subscription) => subscription.AddMemberJoined();
}
