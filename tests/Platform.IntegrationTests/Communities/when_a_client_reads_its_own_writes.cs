using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Communities;

/// <summary>
/// A client that reads right after its own mutation sees it, with no waiting on the client's side: memberships are inline,
/// and reads of the async community card wait for the caller's own commits (ReadYourWrites).
/// </summary>
public sealed class when_a_client_reads_its_own_writes(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string Join = "mutation($id: ID!) { joinCommunity(communityId: $id) { status } }";

    // Several rounds: one lucky read after the daemon caught up proves nothing.
    private const int Rounds = 5;

    [Fact]
    public async Task a_created_community_is_found_by_its_slug_at_once()
    {
        var creator = app.Client("ryw-creator");
        for (var round = 0; round < Rounds; round++)
        {
            var slug = Unique("ryw-");
            var id = await Community(creator, $"Read your writes {round}", slug);

            var bySlug = await creator.Data("query($s: String) { community(slug: $s) { id memberCount } }", new { s = slug });
            var community = bySlug.GetProperty("community");
            Assert.Equal(System.Text.Json.JsonValueKind.Object, community.ValueKind);
            Assert.Equal(id, community.GetProperty("id").GetString());
            Assert.Equal(1, community.GetProperty("memberCount").GetInt32());
        }
    }

    [Fact]
    public async Task a_join_shows_in_the_members_and_the_count_at_once()
    {
        var creator = app.Client("ryw-open-creator");
        for (var round = 0; round < Rounds; round++)
        {
            var id = await Community(creator, $"Open {round}");
            var joiner = app.Client(Unique("ryw-joiner-"));
            Assert.Equal("ACTIVE", (await joiner.Data(Join, new { id })).GetProperty("joinCommunity").GetProperty("status").GetString());

            var members = await joiner.Data("query($id: ID!) { members(communityId: $id) { nodes { userId } } }", new { id });
            Assert.Equal(2, members.GetProperty("members").GetProperty("nodes").GetArrayLength());
            var card = await joiner.Data("query($id: ID) { community(id: $id) { memberCount } }", new { id });
            Assert.Equal(2, card.GetProperty("community").GetProperty("memberCount").GetInt32());
        }
    }

    [Fact]
    public async Task a_join_and_a_leave_answer_with_the_count_that_includes_them()
    {
        var creator = app.Client("ryw-answer-creator");
        for (var round = 0; round < Rounds; round++)
        {
            var id = await Community(creator, $"Answer {round}");
            var joiner = app.Client(Unique("ryw-answer-"));
            var joined = (await joiner.Data("mutation($id: ID!) { joinCommunity(communityId: $id) { community { memberCount } } }", new { id }))
                .GetProperty("joinCommunity");
            Assert.Equal(2, joined.GetProperty("community").GetProperty("memberCount").GetInt32());
            var left = (await joiner.Data("mutation($id: ID!) { leaveCommunity(communityId: $id) { status community { memberCount } } }", new { id }))
                .GetProperty("leaveCommunity");
            Assert.Equal(("LEFT", 1), (left.GetProperty("status").GetString(), left.GetProperty("community").GetProperty("memberCount").GetInt32()));
        }
    }

    [Fact]
    public async Task a_join_request_shows_in_the_requests_at_once()
    {
        var creator = app.Client("ryw-approval-creator");
        for (var round = 0; round < Rounds; round++)
        {
            var id = await Community(creator, $"Approval {round}", joinPolicy: "APPROVAL");
            var asker = Unique("ryw-asker-");
            Assert.Equal("PENDING", (await app.Client(asker).Data(Join, new { id })).GetProperty("joinCommunity").GetProperty("status").GetString());

            var requests = await creator.Data("query($id: ID!) { joinRequests(communityId: $id) { nodes { userId } } }", new { id });
            var request = Assert.Single(requests.GetProperty("joinRequests").GetProperty("nodes").EnumerateArray());
            Assert.Equal(PlatformApp.UserId(asker).ToString(), request.GetProperty("userId").GetString());
        }
    }
}
