using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Communities;

/// <summary>
/// Running a community through GraphQL (issue 4): settings, level names, sub-communities, join requests,
/// bans, leaving, the member directory, my communities and invitations, with the denied cases and the races.
/// </summary>
public sealed class when_a_community_is_run(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string Create = """
        mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id slug } }
        """;
    private const string CreateSub = """
        mutation($parent: ID!, $input: CreateCommunityInput!) {
          createSubCommunity(parentId: $parent, input: $input) { id slug parentId creatorId }
        }
        """;
    private const string Settings = """
        mutation($id: ID!, $input: CommunitySettingsInput!) {
          updateCommunitySettings(communityId: $id, input: $input) { id name description visibility joinPolicy }
        }
        """;
    private const string LevelNames = "mutation($id: ID!, $names: [String!]!) { setLevelNames(communityId: $id, names: $names) { id levelNames } }";
    private const string Card = "query($id: ID) { community(id: $id) { id name description visibility joinPolicy memberCount levelNames parent { id } children { id } } }";
    private const string Viewer = "query($id: ID) { community(id: $id) { viewerMembership { id status } } }";
    private const string Join = "mutation($id: ID!) { joinCommunity(communityId: $id) { id communityId userId status } }";
    private const string Leave = "mutation($id: ID!) { leaveCommunity(communityId: $id) { id status } }";
    private const string Approve = "mutation($m: ID!) { approveJoinRequest(membershipId: $m) { id status userId } }";
    private const string Reject = "mutation($m: ID!) { rejectJoinRequest(membershipId: $m) { id status userId } }";
    private const string Ban = "mutation($id: ID!, $u: ID!, $why: String!) { banMember(communityId: $id, userId: $u, reason: $why) { id status } }";
    private const string Unban = "mutation($id: ID!, $u: ID!) { unbanMember(communityId: $id, userId: $u) { id status } }";
    private const string JoinRequests = "query($id: ID!) { joinRequests(communityId: $id) { nodes { id userId status user { handle } } } }";
    private const string Members = """
        query($id: ID!, $first: Int, $after: String) {
          members(communityId: $id, first: $first, after: $after) {
            nodes { id userId status badges user { handle } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;
    private const string MyCommunities = "{ myCommunities { nodes { id communityId userId status } } }";
    private const string Invite = "mutation($id: ID!, $email: String!) { inviteMember(communityId: $id, email: $email) { id communityId email expiresAt token } }";
    private const string Accept = "mutation($t: String!) { acceptInvite(token: $t) { id communityId userId status } }";
    private const string Grant = "mutation($u: ID!, $r: Role!, $c: ID, $why: String!) { grantRole(userId: $u, role: $r, communityId: $c, reason: $why) { id } }";

    private static string Slug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A fresh user name per call: handles are unique, and every test starts from people with no history.</summary>
    private static string User(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    private static Guid Id(string user) => PlatformApp.UserId(user);

    private static Guid MembershipId(Guid communityId, string user) => DeterministicId.Membership(communityId, Id(user));

    private async Task<Guid> NewCommunity(string creator, string visibility = "PUBLIC", string joinPolicy = "OPEN", string? slug = null)
    {
        slug ??= Slug("run");
        var created = await app.Client(creator).Data(Create, new { input = new { name = $"Community {slug}", slug, visibility, joinPolicy } });
        return Guid.Parse(created.GetProperty("createCommunity").GetProperty("id").GetString()!);
    }

    private async Task<Guid> NewSubCommunity(string creator, Guid parentId, string joinPolicy = "OPEN")
    {
        var slug = Slug("sub");
        var created = await app.Client(creator).Data(CreateSub, new { parent = parentId, input = new { name = $"Sub {slug}", slug, joinPolicy } });
        return Guid.Parse(created.GetProperty("createSubCommunity").GetProperty("id").GetString()!);
    }

    /// <summary>A new user made MODERATOR of the community by an admin.</summary>
    private async Task<string> ModeratorOf(Guid communityId)
    {
        var name = User("mod");
        await app.Client(name).Data("{ me { id } }");
        await app.Client("admin-x", "admin").Data(Grant, new { u = Id(name), r = "MODERATOR", c = communityId, why = "Helps run the community" });
        return name;
    }

    /// <summary>A new user who is an active member of an open community.</summary>
    private async Task<string> MemberOf(Guid communityId, string prefix = "mem")
    {
        var name = User(prefix);
        Assert.Equal("ACTIVE", Status(await app.Client(name).Data(Join, new { id = communityId }), "joinCommunity"));
        return name;
    }

    private static string? Status(JsonElement data, string field) => data.GetProperty(field).GetProperty("status").GetString();

    private async Task<int> MemberCount(string viewer, Guid communityId)
    {
        await app.WaitForProjections();
        return (await app.Client(viewer).Data(Card, new { id = communityId })).GetProperty("community").GetProperty("memberCount").GetInt32();
    }

    /// <summary>The caller's own membership, read from its stream; the card it hangs on is async, hence the wait.</summary>
    private async Task<string?> ViewerStatus(string user, Guid communityId)
    {
        await app.WaitForProjections();
        var membership = (await app.Client(user).Data(Viewer, new { id = communityId })).GetProperty("community").GetProperty("viewerMembership");
        return membership.ValueKind == JsonValueKind.Null ? null : membership.GetProperty("status").GetString();
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    // ---- Settings (CSET) ----

    [Fact]
    public async Task the_creator_changes_settings_and_the_event_records_who_and_only_what_changed()
    {
        var creator = User("owner");
        var slug = Slug("settings");
        var id = Guid.Parse((await app.Client(creator).Data(Create, new { input = new { name = "Old Name", slug, description = "Same words" } }))
            .GetProperty("createCommunity").GetProperty("id").GetString()!);

        var updated = (await app.Client(creator).Data(Settings, new
        {
            id, input = new { name = "New Name", description = "Same words", joinPolicy = "APPROVAL" },
        })).GetProperty("updateCommunitySettings");

        Assert.Equal("New Name", updated.GetProperty("name").GetString());
        Assert.Equal("Same words", updated.GetProperty("description").GetString());
        Assert.Equal("APPROVAL", updated.GetProperty("joinPolicy").GetString());
        Assert.Equal("PUBLIC", updated.GetProperty("visibility").GetString());

        var changed = Assert.IsType<CommunitySettingsChanged>(Assert.Single(await app.EventsOf(id), e => e.Data is CommunitySettingsChanged).Data);
        Assert.Equal(Id(creator), changed.ChangedBy);
        Assert.Equal("New Name", changed.Name);
        Assert.Equal(JoinPolicy.Approval, changed.JoinPolicy);
        Assert.Null(changed.Description);
        Assert.Null(changed.Visibility);

        await app.WaitForProjections();
        var card = (await app.Client().Data(Card, new { id })).GetProperty("community");
        Assert.Equal("New Name", card.GetProperty("name").GetString());
        Assert.Equal("APPROVAL", card.GetProperty("joinPolicy").GetString());
    }

    [Fact]
    public async Task settings_that_change_nothing_write_no_event()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);
        var before = (await app.EventsOf(id)).Count;

        var same = (await app.Client(creator).Data(Settings, new { id, input = new { visibility = "PUBLIC", joinPolicy = "OPEN" } }))
            .GetProperty("updateCommunitySettings");

        Assert.Equal("OPEN", same.GetProperty("joinPolicy").GetString());
        Assert.Equal(before, (await app.EventsOf(id)).Count);
    }

    [Fact]
    public async Task a_member_or_a_moderator_cannot_change_settings_or_level_names()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);
        var member = await MemberOf(id);
        var moderator = await ModeratorOf(id);

        foreach (var caller in new[] { member, moderator })
        {
            var settings = await app.Client(caller).Send(Settings, new { id, input = new { name = "Hijacked" } });
            var levels = await app.Client(caller).Send(LevelNames, new { id, names = new[] { "Hijacked" } });
            Assert.Equal("FORBIDDEN", settings.FirstErrorCode);
            Assert.Equal("FORBIDDEN", levels.FirstErrorCode);
        }
        Assert.DoesNotContain(await app.EventsOf(id), e => e.Data is CommunitySettingsChanged or LevelNamesSet);
    }

    [Fact]
    public async Task the_creator_names_the_levels()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);
        string[] names = ["Seedling", "Sprout", "Sapling", "Oak"];

        var set = (await app.Client(creator).Data(LevelNames, new { id, names })).GetProperty("setLevelNames");

        Assert.Equal(names, Strings(set.GetProperty("levelNames")));
        var recorded = Assert.IsType<LevelNamesSet>(Assert.Single(await app.EventsOf(id), e => e.Data is LevelNamesSet).Data);
        Assert.Equal(Id(creator), recorded.SetBy);
        await app.WaitForProjections();
        Assert.Equal(names, Strings((await app.Client().Data(Card, new { id })).GetProperty("community").GetProperty("levelNames")));
    }

    [Fact]
    public async Task level_names_outside_the_limits_are_a_validation_error()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);

        var tooMany = await app.Client(creator).Send(LevelNames, new { id, names = Enumerable.Range(1, 10).Select(n => $"Level {n}").ToArray() });
        var blank = await app.Client(creator).Send(LevelNames, new { id, names = new[] { "One", " " } });

        Assert.Equal("VALIDATION", tooMany.FirstErrorCode);
        Assert.Equal("VALIDATION", blank.FirstErrorCode);
    }

    // ---- Sub-communities (SUBCOM) ----

    [Fact]
    public async Task the_parents_creator_makes_a_sub_community_that_lists_under_the_parent()
    {
        var creator = User("owner");
        var parentId = await NewCommunity(creator);

        var childId = await NewSubCommunity(creator, parentId);

        await app.WaitForProjections();
        var parent = (await app.Client().Data(Card, new { id = parentId })).GetProperty("community");
        var child = (await app.Client().Data(Card, new { id = childId })).GetProperty("community");
        Assert.Equal([childId.ToString()], parent.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(parentId.ToString(), child.GetProperty("parent").GetProperty("id").GetString());
        Assert.Equal(1, child.GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task joining_a_sub_community_needs_membership_of_the_parent()
    {
        var creator = User("owner");
        var parentId = await NewCommunity(creator);
        var childId = await NewSubCommunity(creator, parentId);
        var joiner = User("joiner");

        var tooEarly = await app.Client(joiner).Send(Join, new { id = childId });
        Assert.Equal("FORBIDDEN", tooEarly.FirstErrorCode);
        Assert.Empty(await app.EventsOf(MembershipId(childId, joiner)));

        Assert.Equal("ACTIVE", Status(await app.Client(joiner).Data(Join, new { id = parentId }), "joinCommunity"));
        Assert.Equal("ACTIVE", Status(await app.Client(joiner).Data(Join, new { id = childId }), "joinCommunity"));
    }

    [Fact]
    public async Task only_the_parents_creator_makes_sub_communities()
    {
        var creator = User("owner");
        var parentId = await NewCommunity(creator);
        var member = await MemberOf(parentId);
        var moderator = await ModeratorOf(parentId);
        var creatorElsewhere = User("other");
        await NewCommunity(creatorElsewhere);

        foreach (var caller in new[] { member, moderator, creatorElsewhere })
        {
            var slug = Slug("nope");
            var attempt = await app.Client(caller).Send(CreateSub, new { parent = parentId, input = new { name = "Not Mine", slug } });
            Assert.Equal("FORBIDDEN", attempt.FirstErrorCode);
        }
    }

    [Fact]
    public async Task a_sub_community_cannot_have_sub_communities()
    {
        var creator = User("owner");
        var parentId = await NewCommunity(creator);
        var childId = await NewSubCommunity(creator, parentId);

        var grandchild = await app.Client(creator).Send(CreateSub, new { parent = childId, input = new { name = "Too Deep", slug = Slug("deep") } });

        Assert.Equal("VALIDATION", grandchild.FirstErrorCode);
    }

    // ---- Join requests (INVT) ----

    [Fact]
    public async Task a_join_request_is_listed_for_the_creator_and_a_moderator_and_approval_makes_an_active_member()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, joinPolicy: "APPROVAL");
        var moderator = await ModeratorOf(id);
        var applicant = User("applicant");

        var joined = (await app.Client(applicant).Data(Join, new { id })).GetProperty("joinCommunity");
        Assert.Equal("PENDING", joined.GetProperty("status").GetString());
        var membershipId = joined.GetProperty("id").GetString();

        var countBefore = await MemberCount(creator, id);
        foreach (var staff in new[] { creator, moderator })
        {
            var request = Assert.Single((await app.Client(staff).Data(JoinRequests, new { id })).GetProperty("joinRequests").GetProperty("nodes").EnumerateArray());
            Assert.Equal(membershipId, request.GetProperty("id").GetString());
            Assert.Equal(applicant, request.GetProperty("user").GetProperty("handle").GetString());
        }

        var approved = (await app.Client(moderator).Data(Approve, new { m = membershipId })).GetProperty("approveJoinRequest");

        Assert.Equal("ACTIVE", approved.GetProperty("status").GetString());
        Assert.Equal(countBefore + 1, await MemberCount(creator, id));
        Assert.Empty((await app.Client(creator).Data(JoinRequests, new { id })).GetProperty("joinRequests").GetProperty("nodes").EnumerateArray());
        var decision = Assert.IsType<JoinRequestApproved>(Assert.Single(await app.EventsOf(Guid.Parse(membershipId!)), e => e.Data is JoinRequestApproved).Data);
        Assert.Equal(Id(moderator), decision.ApprovedBy);
    }

    [Fact]
    public async Task a_rejected_request_is_rejected_and_not_counted()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, joinPolicy: "APPROVAL");
        var applicant = User("applicant");
        await app.Client(applicant).Data(Join, new { id });

        var rejected = (await app.Client(creator).Data(Reject, new { m = MembershipId(id, applicant) })).GetProperty("rejectJoinRequest");

        Assert.Equal("REJECTED", rejected.GetProperty("status").GetString());
        Assert.Equal(1, await MemberCount(creator, id));
        Assert.Empty((await app.Client(creator).Data(JoinRequests, new { id })).GetProperty("joinRequests").GetProperty("nodes").EnumerateArray());
        var late = await app.Client(creator).Send(Approve, new { m = MembershipId(id, applicant) });
        Assert.Equal("CONFLICT", late.FirstErrorCode);
    }

    [Fact]
    public async Task a_plain_member_cannot_list_or_decide_join_requests()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, joinPolicy: "APPROVAL");
        var applicant = User("applicant");
        await app.Client(applicant).Data(Join, new { id });
        var bystander = User("bystander");

        var list = await app.Client(bystander).Send(JoinRequests, new { id });
        var approve = await app.Client(bystander).Send(Approve, new { m = MembershipId(id, applicant) });
        var selfApprove = await app.Client(applicant).Send(Approve, new { m = MembershipId(id, applicant) });

        Assert.Equal("FORBIDDEN", list.FirstErrorCode);
        Assert.Contains(approve.FirstErrorCode, new[] { "FORBIDDEN", "NOT_FOUND" });
        Assert.Contains(selfApprove.FirstErrorCode, new[] { "FORBIDDEN", "NOT_FOUND" });
        Assert.Equal("PENDING", await ViewerStatus(applicant, id));
    }

    [Fact]
    public async Task a_moderator_of_one_community_cannot_act_in_another()
    {
        var creatorA = User("ownera");
        var communityA = await NewCommunity(creatorA);
        var moderatorOfA = await ModeratorOf(communityA);
        var creatorB = User("ownerb");
        var communityB = await NewCommunity(creatorB, joinPolicy: "APPROVAL");
        var applicant = User("applicant");
        await app.Client(applicant).Data(Join, new { id = communityB });
        var requestInB = MembershipId(communityB, applicant);
        var memberOfB = User("memberb");
        await app.Client(memberOfB).Data(Join, new { id = communityB });
        await app.Client(creatorB).Data(Approve, new { m = MembershipId(communityB, memberOfB) });

        var moderator = app.Client(moderatorOfA);
        var approve = await moderator.Send(Approve, new { m = requestInB });
        var reject = await moderator.Send(Reject, new { m = requestInB });
        var list = await moderator.Send(JoinRequests, new { id = communityB });
        var ban = await moderator.Send(Ban, new { id = communityB, u = Id(memberOfB), why = "Overreach" });

        string[] denied = ["FORBIDDEN", "NOT_FOUND"];
        Assert.Contains(approve.FirstErrorCode, denied);
        Assert.Contains(reject.FirstErrorCode, denied);
        Assert.Contains(list.FirstErrorCode, denied);
        Assert.Contains(ban.FirstErrorCode, denied);
        Assert.IsType<JoinRequested>(Assert.Single(await app.EventsOf(requestInB)).Data);
        Assert.Equal("ACTIVE", await ViewerStatus(memberOfB, communityB));
    }

    [Fact]
    public async Task a_moderator_of_one_community_cannot_unban_in_another()
    {
        var communityA = await NewCommunity(User("ownera"));
        var moderatorOfA = await ModeratorOf(communityA);
        var creatorB = User("ownerb");
        var communityB = await NewCommunity(creatorB);
        var banned = await MemberOf(communityB);
        await app.Client(creatorB).Data(Ban, new { id = communityB, u = Id(banned), why = "Spam" });

        var unban = await app.Client(moderatorOfA).Send(Unban, new { id = communityB, u = Id(banned) });

        Assert.Contains(unban.FirstErrorCode, new[] { "FORBIDDEN", "NOT_FOUND" });
        Assert.Equal("BANNED", await ViewerStatus(banned, communityB));
    }

    [Fact]
    public async Task two_concurrent_approvals_of_one_request_admit_the_member_once()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, joinPolicy: "APPROVAL");
        var moderator = await ModeratorOf(id);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var applicant = User("applicant");
            await app.Client(applicant).Data(Join, new { id });
            var membershipId = MembershipId(id, applicant);

            var both = await Task.WhenAll(
                app.Client(creator).Send(Approve, new { m = membershipId }),
                app.Client(moderator).Send(Approve, new { m = membershipId }));

            var winner = Assert.Single(both, r => r.Errors is null);
            Assert.Equal("ACTIVE", Status(winner.Body.GetProperty("data"), "approveJoinRequest"));
            Assert.Single(both, r => r.FirstErrorCode == "CONFLICT");
            var events = await app.EventsOf(membershipId);
            Assert.Single(events, e => e.Data is MemberJoined);
            Assert.Single(events, e => e.Data is JoinRequestApproved);
        }
        Assert.Equal(4, await MemberCount(creator, id));
    }

    // ---- Bans ----

    [Fact]
    public async Task a_join_racing_a_ban_ends_banned_whichever_wins()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);

        var racers = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var user = User("racer");
            racers.Add(user);
            await app.Client(user).Data("{ me { id } }");

            var raced = await Task.WhenAll(
                app.Client(user).Send(Join, new { id }),
                app.Client(creator).Send(Ban, new { id, u = Id(user), why = "Known spammer" }));
            var (join, ban) = (raced[0], raced[1]);

            Assert.True(ban.Errors is null, $"The ban failed: {ban.Body}");
            Assert.Equal("BANNED", Status(ban.Body.GetProperty("data"), "banMember"));
            var joined = join.Errors is null;
            if (joined)
                Assert.Contains(Status(join.Body.GetProperty("data"), "joinCommunity"), new[] { "ACTIVE", "BANNED" });
            else
                Assert.Equal("FORBIDDEN", join.FirstErrorCode);

            // The stream: a join that won came first and the ban ended it; a join that lost wrote nothing.
            var events = await app.EventsOf(MembershipId(id, user));
            var banned = Assert.IsType<MemberBanned>(events[^1].Data);
            Assert.Equal(joined, banned.WasActive);
            Assert.Equal(joined ? 2 : 1, events.Count);
        }

        foreach (var user in racers) Assert.Equal("BANNED", await ViewerStatus(user, id));
        Assert.Equal(1, await MemberCount(creator, id));
    }

    [Fact]
    public async Task a_banned_user_cannot_join_until_unbanned()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);
        var member = await MemberOf(id);
        Assert.Equal(2, await MemberCount(creator, id));

        Assert.Equal("BANNED", Status(await app.Client(creator).Data(Ban, new { id, u = Id(member), why = "Harassment" }), "banMember"));
        var rejoin = await app.Client(member).Send(Join, new { id });

        Assert.Equal("FORBIDDEN", rejoin.FirstErrorCode);
        Assert.Equal(1, await MemberCount(creator, id));
        var ban = Assert.IsType<MemberBanned>((await app.EventsOf(MembershipId(id, member)))[^1].Data);
        Assert.Equal("Harassment", ban.Reason);
        Assert.Equal(Id(creator), ban.BannedBy);

        var unbanned = await app.Client(creator).Data(Unban, new { id, u = Id(member) });
        Assert.NotEqual("BANNED", Status(unbanned, "unbanMember"));
        Assert.Equal("ACTIVE", Status(await app.Client(member).Data(Join, new { id }), "joinCommunity"));
        Assert.Equal(2, await MemberCount(creator, id));
    }

    [Fact]
    public async Task unbanning_someone_who_is_not_banned_is_a_conflict()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);
        var member = await MemberOf(id);

        var unban = await app.Client(creator).Send(Unban, new { id, u = Id(member) });

        Assert.Equal("CONFLICT", unban.FirstErrorCode);
    }

    [Fact]
    public async Task the_creator_cannot_be_banned()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);
        var moderator = await ModeratorOf(id);

        var ban = await app.Client(moderator).Send(Ban, new { id, u = Id(creator), why = "Coup" });

        Assert.Equal("FORBIDDEN", ban.FirstErrorCode);
        Assert.Equal("ACTIVE", await ViewerStatus(creator, id));
    }

    // ---- Leaving ----

    [Fact]
    public async Task leaving_ends_the_membership_and_the_count_drops()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);
        var member = await MemberOf(id);
        Assert.Equal(2, await MemberCount(creator, id));

        var left = (await app.Client(member).Data(Leave, new { id })).GetProperty("leaveCommunity");

        Assert.Equal("LEFT", left.GetProperty("status").GetString());
        Assert.Equal(1, await MemberCount(creator, id));
    }

    [Fact]
    public async Task the_creator_cannot_leave()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);

        var leave = await app.Client(creator).Send(Leave, new { id });

        Assert.Equal("CONFLICT", leave.FirstErrorCode);
        Assert.Equal("ACTIVE", await ViewerStatus(creator, id));
    }

    [Fact]
    public async Task leaving_a_community_you_are_not_in_is_forbidden()
    {
        var id = await NewCommunity(User("owner"));

        var leave = await app.Client(User("stranger")).Send(Leave, new { id });

        Assert.Equal("FORBIDDEN", leave.FirstErrorCode);
    }

    // ---- Member directory (MEMB) and my communities ----

    [Fact]
    public async Task a_non_member_cannot_read_a_private_communitys_members()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, visibility: "PRIVATE", joinPolicy: "APPROVAL");
        var applicant = User("applicant");
        await app.Client(applicant).Data(Join, new { id });
        await app.WaitForProjections();

        var stranger = await app.Client(User("stranger")).Send(Members, new { id });
        var pending = await app.Client(applicant).Send(Members, new { id });
        var anonymous = await app.Client().Send(Members, new { id });

        Assert.Equal("FORBIDDEN", stranger.FirstErrorCode);
        Assert.Equal("FORBIDDEN", pending.FirstErrorCode);
        Assert.Equal("UNAUTHENTICATED", anonymous.FirstErrorCode);
    }

    [Fact]
    public async Task members_read_the_directory_with_handles_and_badges_page_by_page()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, visibility: "PRIVATE");
        var moderator = await ModeratorOf(id);
        await app.Client(moderator).Data(Join, new { id });
        var first = await MemberOf(id);
        var second = await MemberOf(id);
        await app.WaitForProjections();

        var seen = new List<JsonElement>();
        var pages = 0;
        string? after = null;
        bool more;
        do
        {
            var connection = (await app.Client(first).Data(Members, new { id, first = 3, after })).GetProperty("members");
            seen.AddRange(connection.GetProperty("nodes").EnumerateArray());
            more = connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            pages++;
        } while (more && pages < 5);

        Assert.Equal(2, pages);
        var byHandle = seen.ToDictionary(m => m.GetProperty("user").GetProperty("handle").GetString()!);
        Assert.Equal(new[] { creator, moderator, first, second }.Order(), byHandle.Keys.Order());
        Assert.All(seen, m => Assert.Equal("ACTIVE", m.GetProperty("status").GetString()));
        Assert.Contains("CREATOR", Strings(byHandle[creator].GetProperty("badges")));
        Assert.Contains("MODERATOR", Strings(byHandle[moderator].GetProperty("badges")));
        Assert.Empty(Strings(byHandle[second].GetProperty("badges")));
        // Most recently joined first.
        Assert.Equal(second, seen[0].GetProperty("user").GetProperty("handle").GetString());
        Assert.Equal(creator, seen[^1].GetProperty("user").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task my_communities_lists_the_callers_active_and_pending_memberships_only()
    {
        var me = User("me");
        var other = User("other");
        var mine = await NewCommunity(me);
        var open = await NewCommunity(other);
        var approval = await NewCommunity(other, joinPolicy: "APPROVAL");
        var leftBehind = await NewCommunity(other);
        var othersOnly = await NewCommunity(other);
        await app.Client(me).Data(Join, new { id = open });
        await app.Client(me).Data(Join, new { id = approval });
        await app.Client(me).Data(Join, new { id = leftBehind });
        await app.Client(me).Data(Leave, new { id = leftBehind });
        await app.WaitForProjections();

        var nodes = (await app.Client(me).Data(MyCommunities)).GetProperty("myCommunities").GetProperty("nodes").EnumerateArray().ToList();

        Assert.All(nodes, n => Assert.Equal(Id(me).ToString(), n.GetProperty("userId").GetString()));
        var statuses = nodes.ToDictionary(n => Guid.Parse(n.GetProperty("communityId").GetString()!), n => n.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<Guid, string?> { [mine] = "ACTIVE", [open] = "ACTIVE", [approval] = "PENDING" }, statuses);
        Assert.DoesNotContain(othersOnly, statuses.Keys);
    }

    // ---- Invitations (INVT) ----

    [Fact]
    public async Task a_members_invitation_admits_once_even_where_approval_is_required()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, joinPolicy: "APPROVAL");
        var member = User("inviter");
        await app.Client(member).Data(Join, new { id });
        await app.Client(creator).Data(Approve, new { m = MembershipId(id, member) });

        var invitation = (await app.Client(member).Data(Invite, new { id, email = "Friend@Example.com" })).GetProperty("inviteMember");
        var token = invitation.GetProperty("token").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(token));
        Assert.Equal(id.ToString(), invitation.GetProperty("communityId").GetString());
        Assert.Equal("friend@example.com", invitation.GetProperty("email").GetString());
        Assert.InRange(invitation.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(6), DateTimeOffset.UtcNow.AddDays(8));
        var invited = Assert.IsType<MemberInvited>(Assert.Single(await app.EventsOf(Guid.Parse(invitation.GetProperty("id").GetString()!))).Data);
        Assert.DoesNotContain(token, invited.TokenHash);

        var friend = User("friend");
        var accepted = (await app.Client(friend).Data(Accept, new { t = token })).GetProperty("acceptInvite");
        Assert.Equal("ACTIVE", accepted.GetProperty("status").GetString());
        Assert.Equal(id.ToString(), accepted.GetProperty("communityId").GetString());

        var latecomer = User("late");
        var again = await app.Client(latecomer).Send(Accept, new { t = token });
        var sameUserAgain = await app.Client(friend).Send(Accept, new { t = token });
        Assert.Equal("CONFLICT", again.FirstErrorCode);
        Assert.Equal("CONFLICT", sameUserAgain.FirstErrorCode);
        Assert.Empty(await app.EventsOf(MembershipId(id, latecomer)));
    }

    [Fact]
    public async Task a_garbage_token_is_not_found()
    {
        var response = await app.Client(User("guesser")).Send(Accept, new { t = "not-a-real-token-" + Guid.NewGuid().ToString("N") });

        Assert.Equal("NOT_FOUND", response.FirstErrorCode);
    }

    [Fact]
    public async Task two_concurrent_accepts_of_one_token_admit_one_user()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, joinPolicy: "APPROVAL");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var token = (await app.Client(creator).Data(Invite, new { id, email = $"race{attempt}@example.com" }))
                .GetProperty("inviteMember").GetProperty("token").GetString();
            var (a, b) = (User("racera"), User("racerb"));

            var both = await Task.WhenAll(app.Client(a).Send(Accept, new { t = token }), app.Client(b).Send(Accept, new { t = token }));

            var winner = Assert.Single(both, r => r.Errors is null);
            Assert.Equal("ACTIVE", Status(winner.Body.GetProperty("data"), "acceptInvite"));
            Assert.Single(both, r => r.FirstErrorCode == "CONFLICT");
            var winnerId = Guid.Parse(winner.Body.GetProperty("data").GetProperty("acceptInvite").GetProperty("userId").GetString()!);
            var loser = winnerId == Id(a) ? b : a;
            Assert.Empty(await app.EventsOf(MembershipId(id, loser)));
        }
        Assert.Equal(4, await MemberCount(creator, id));
    }

    [Fact]
    public async Task a_non_member_cannot_invite()
    {
        var creator = User("owner");
        var id = await NewCommunity(creator, joinPolicy: "APPROVAL");
        var applicant = User("applicant");
        await app.Client(applicant).Data(Join, new { id });

        var stranger = await app.Client(User("stranger")).Send(Invite, new { id, email = "someone@example.com" });
        var pending = await app.Client(applicant).Send(Invite, new { id, email = "someone@example.com" });

        Assert.Equal("FORBIDDEN", stranger.FirstErrorCode);
        Assert.Equal("FORBIDDEN", pending.FirstErrorCode);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("Name <name@example.com>")]
    public async Task an_invalid_email_is_a_validation_error(string email)
    {
        var creator = User("owner");
        var id = await NewCommunity(creator);

        var response = await app.Client(creator).Send(Invite, new { id, email });

        Assert.Equal("VALIDATION", response.FirstErrorCode);
    }

    [Fact]
    public async Task a_private_community_is_hidden_until_the_invitation_is_accepted()
    {
        var creator = User("owner");
        var slug = Slug("hidden");
        var id = await NewCommunity(creator, visibility: "PRIVATE", joinPolicy: "APPROVAL", slug: slug);
        var invitee = User("invitee");
        await app.WaitForProjections();
        const string BySlug = "query($s: String) { community(slug: $s) { id viewerMembership { status } } }";

        var before = (await app.Client(invitee).Data(BySlug, new { s = slug })).GetProperty("community");
        Assert.Equal(JsonValueKind.Null, before.ValueKind);

        var token = (await app.Client(creator).Data(Invite, new { id, email = "invitee@example.com" })).GetProperty("inviteMember").GetProperty("token").GetString();
        await app.Client(invitee).Data(Accept, new { t = token });

        var after = (await app.Client(invitee).Data(BySlug, new { s = slug })).GetProperty("community");
        Assert.Equal(id.ToString(), after.GetProperty("id").GetString());
        Assert.Equal("ACTIVE", after.GetProperty("viewerMembership").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, (await app.Client(User("stranger")).Data(BySlug, new { s = slug })).GetProperty("community").ValueKind);
    }
}
