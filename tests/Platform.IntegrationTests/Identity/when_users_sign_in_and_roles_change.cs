using System.Text.Json;
using Platform.Contracts.Identity;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Identity;

public sealed class when_users_sign_in_and_roles_change(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string Me = "{ me { id handle displayName roles { role communityId } dashboard { roles member { memberships { id } } creator { communities { id } } moderator { communities { id } } admin { userCount } finance { eventCount } } } }";
    private const string Grant = "mutation($u: ID!, $r: Role!, $c: ID, $why: String!) { grantRole(userId: $u, role: $r, communityId: $c, reason: $why) { id roles { role communityId } } }";
    private const string Revoke = "mutation($u: ID!, $r: Role!, $c: ID, $why: String!) { revokeRole(userId: $u, role: $r, communityId: $c, reason: $why) { id roles { role communityId } } }";


    private static IEnumerable<(string Role, string? Community)> Roles(JsonElement user) =>
        user.GetProperty("roles").EnumerateArray().Select(r => (r.GetProperty("role").GetString()!,
            r.GetProperty("communityId").ValueKind == JsonValueKind.Null ? null : r.GetProperty("communityId").GetString()));

    [Fact]
    public async Task the_first_request_registers_the_user_once_even_when_two_race()
    {
        var name = Unique("racer");
        var token = PlatformApp.Token(name);

        var both = await Task.WhenAll(
            new GraphQLClient(app.Host.Server.CreateClient(), token).Data("{ me { id handle } }"),
            new GraphQLClient(app.Host.Server.CreateClient(), token).Data("{ me { id handle } }"));

        Assert.Equal(both[0].GetProperty("me").GetProperty("id").GetString(), both[1].GetProperty("me").GetProperty("id").GetString());
        var events = await app.EventsOf(PlatformApp.UserId(name));
        var registered = Assert.Single(events, e => e.Data is UserRegistered);
        Assert.Equal(name, ((UserRegistered)registered.Data).Handle);
    }

    [Fact]
    public async Task a_member_sees_only_the_member_section_and_the_member_role()
    {
        var me = (await app.Client(Unique("plain")).Data(Me)).GetProperty("me");

        Assert.Equal([("MEMBER", (string?)null)], Roles(me));
        var dashboard = me.GetProperty("dashboard");
        Assert.Equal(JsonValueKind.Object, dashboard.GetProperty("member").ValueKind);
        foreach (var section in new[] { "creator", "moderator", "admin", "finance" })
            Assert.Equal(JsonValueKind.Null, dashboard.GetProperty(section).ValueKind);
    }

    [Fact]
    public async Task a_user_with_many_roles_gets_every_section_in_one_query()
    {
        var name = Unique("multi");
        var client = app.Client(name, "member", "admin", "finance");
        var communityId = await Community(client, "Multi", Unique("multi-"));
        var admin = app.Client(Unique("boss"), "admin");
        var target = PlatformApp.UserId(name);
        var granted = await admin.Data(Grant, new { u = target, r = "MODERATOR", c = communityId, why = "helps out" });
        await app.WaitForProjections();

        var me = (await client.Data(Me)).GetProperty("me");

        Assert.Equivalent(new[] { ("MEMBER", (string?)null), ("ADMIN", null), ("FINANCE", null), ("CREATOR", communityId), ("MODERATOR", communityId) }, Roles(me));
        var dashboard = me.GetProperty("dashboard");
        Assert.Equal(communityId, dashboard.GetProperty("creator").GetProperty("communities")[0].GetProperty("id").GetString());
        Assert.True(dashboard.GetProperty("admin").GetProperty("userCount").GetInt32() >= 2);
        Assert.True(dashboard.GetProperty("finance").GetProperty("eventCount").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Object, dashboard.GetProperty("moderator").ValueKind);
        Assert.Contains(("MODERATOR", communityId), Roles(granted.GetProperty("grantRole")));
    }

    [Fact]
    public async Task role_claims_only_seed_a_new_user()
    {
        var name = Unique("seed");
        await app.Client(name, "member").Data("{ me { id } }");

        var later = (await app.Client(name, "member", "admin").Data(Me)).GetProperty("me");

        Assert.DoesNotContain(Roles(later), r => r.Role == "ADMIN");
    }

    [Fact]
    public async Task grants_and_revocations_are_events_with_who_and_why()
    {
        var admin = Unique("admin");
        var target = Unique("target");
        await app.Client(target).Data("{ me { id } }");
        var targetId = PlatformApp.UserId(target);

        await app.Client(admin, "admin").Data(Grant, new { u = targetId, r = "FINANCE", why = "month-end close" });
        var revoked = await app.Client(admin, "admin").Data(Revoke, new { u = targetId, r = "FINANCE", why = "close done" });

        Assert.DoesNotContain(Roles(revoked.GetProperty("revokeRole")), r => r.Role == "FINANCE");
        var events = await app.EventsOf(targetId);
        var granted = (RoleGranted)Assert.Single(events, e => e.Data is RoleGranted).Data;
        var revokedEvent = (RoleRevoked)Assert.Single(events, e => e.Data is RoleRevoked).Data;
        Assert.Equal((Role.Finance, "month-end close", PlatformApp.UserId(admin)), (granted.Role, granted.Reason, granted.GrantedBy!.Value));
        Assert.Equal((Role.Finance, "close done", PlatformApp.UserId(admin)), (revokedEvent.Role, revokedEvent.Reason, revokedEvent.RevokedBy));
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.CorrelationId)));
    }

    [Fact]
    public async Task a_member_calling_an_admin_mutation_is_forbidden_and_nothing_changes()
    {
        var member = Unique("sneak");
        var response = await app.Client(member).Send(Grant, new { u = PlatformApp.UserId(member), r = "ADMIN", why = "because" });

        Assert.Equal("FORBIDDEN", response.FirstErrorCode);
        Assert.DoesNotContain(await app.EventsOf(PlatformApp.UserId(member)), e => e.Data is RoleGranted);
    }

    [Fact]
    public async Task an_anonymous_caller_is_unauthenticated_for_signed_in_operations()
    {
        var response = await app.Client().Send("{ me { id } }");

        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
    }

    [Fact]
    public async Task nobody_grants_themselves_a_role()
    {
        var admin = Unique("self");
        var response = await app.Client(admin, "admin").Send(Grant, new { u = PlatformApp.UserId(admin), r = "FINANCE", why = "me" });

        Assert.Equal("FORBIDDEN", response.FirstErrorCode);
    }

    [Fact]
    public async Task the_last_admin_cannot_be_revoked()
    {
        // A fresh database: the admins here are the ones this test makes.
        await using var fresh = new PlatformApp();
        await fresh.InitializeAsync();
        var only = Unique("only");
        var other = Unique("other");
        await fresh.Client(only, "admin").Data("{ me { id } }");
        await fresh.Client(other, "admin").Data("{ me { id } }");

        await fresh.Client(other, "admin").Data(Revoke, new { u = PlatformApp.UserId(only), r = "ADMIN", why = "handover" });
        var last = await fresh.Client(other, "admin").Send(Revoke, new { u = PlatformApp.UserId(other), r = "ADMIN", why = "leaving" });
        var stillAdmin = (await fresh.Client(other, "admin").Data("{ me { roles { role communityId } } }")).GetProperty("me");

        Assert.Equal("CONFLICT", last.FirstErrorCode);
        Assert.Contains(("ADMIN", (string?)null), Roles(stillAdmin));
    }

    [Fact]
    public async Task a_handle_is_derived_once_and_kept_unique()
    {
        var stem = Unique("twin");
        var first = (await app.Client(stem).Data("{ me { handle } }")).GetProperty("me").GetProperty("handle").GetString();
        var second = (await app.Client($"{stem}-").Data("{ me { handle } }")).GetProperty("me").GetProperty("handle").GetString();

        Assert.Equal(stem, first);
        Assert.Equal($"{stem}2", second);
    }

    [Fact]
    public async Task a_long_run_of_taken_handles_gives_the_next_number()
    {
        var stem = Unique("crowd");
        var handles = new List<string?>();
        // Trailing separators are trimmed, so each of these names wants the same handle.
        for (var i = 0; i < 22; i++)
            handles.Add((await app.Client(stem + new string('-', i)).Data("{ me { handle } }")).GetProperty("me").GetProperty("handle").GetString());

        Assert.Equal([stem, .. Enumerable.Range(2, 21).Select(n => $"{stem}{n}")], handles);
    }

    [Fact]
    public async Task a_profile_update_changes_the_handle_and_a_taken_one_is_a_conflict()
    {
        var owner = Unique("own");
        var other = Unique("oth");
        await app.Client(other).Data("{ me { id } }");
        const string update = "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { handle displayName bio } }";

        var renamed = (await app.Client(owner).Data(update, new { i = new { handle = $"{owner}_x", displayName = "Own Er", bio = "Hi" } })).GetProperty("updateProfile");
        var taken = await app.Client(owner).Send(update, new { i = new { handle = other } });
        var invalid = await app.Client(owner).Send(update, new { i = new { handle = "No Spaces!" } });

        Assert.Equal(($"{owner}_x", "Own Er", "Hi"), (renamed.GetProperty("handle").GetString(), renamed.GetProperty("displayName").GetString(), renamed.GetProperty("bio").GetString()));
        Assert.Equal("CONFLICT", taken.FirstErrorCode);
        Assert.Equal("VALIDATION", invalid.FirstErrorCode);
        var profile = await app.Client(other).Data("query($h: String!) { profile(handle: $h) { displayName } }", new { h = $"{owner}_x" });
        Assert.Equal("Own Er", profile.GetProperty("profile").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task another_users_roles_are_refused_on_the_nested_edge_but_the_rest_of_the_profile_answers()
    {
        var owner = Unique("prof");
        await app.Client(owner, "finance").Data("{ me { id } }");
        const string query = "query($h: String!) { profile(handle: $h) { handle roles { role } } }";

        var asStranger = await app.Client(Unique("peek")).Send(query, new { h = owner });
        var asAdmin = await app.Client(Unique("adm"), "admin").Data(query, new { h = owner });
        var asSelf = await app.Client(owner, "finance").Data(query, new { h = owner });

        Assert.Equal("FORBIDDEN", asStranger.FirstErrorCode);
        Assert.Equal(JsonValueKind.Null, asStranger.Body.GetProperty("data").GetProperty("profile").ValueKind);
        Assert.Contains(asAdmin.GetProperty("profile").GetProperty("roles").EnumerateArray(), r => r.GetProperty("role").GetString() == "FINANCE");
        Assert.Contains(asSelf.GetProperty("profile").GetProperty("roles").EnumerateArray(), r => r.GetProperty("role").GetString() == "FINANCE");
    }

    [Fact]
    public async Task creating_a_community_grants_the_creator_role_in_it()
    {
        var client = app.Client(Unique("maker"));
        var communityId = await Community(client, "Makers", Unique("makers-"));

        var me = (await client.Data(Me)).GetProperty("me");

        Assert.Contains(("CREATOR", communityId), Roles(me));
    }

    [Fact]
    public async Task two_admins_revoking_each_other_at_once_leave_one_admin()
    {
        await using var fresh = new PlatformApp();
        await fresh.InitializeAsync();
        var (a, b) = (Unique("duela"), Unique("duelb"));
        await fresh.Client(a, "admin").Data("{ me { id } }");
        await fresh.Client(b, "admin").Data("{ me { id } }");

        var results = await Task.WhenAll(
            fresh.Client(a, "admin").Send(Revoke, new { u = PlatformApp.UserId(b), r = "ADMIN", why = "duel" }),
            fresh.Client(b, "admin").Send(Revoke, new { u = PlatformApp.UserId(a), r = "ADMIN", why = "duel" }));

        var admins = 0;
        foreach (var name in new[] { a, b })
            if (Roles((await fresh.Client(name).Data("{ me { roles { role communityId } } }")).GetProperty("me")).Contains(("ADMIN", null))) admins++;
        Assert.Equal(1, admins);
        Assert.Single(results, r => r.FirstErrorCode is "CONFLICT" or "FORBIDDEN");
    }
}
