using System.Text.Json;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Calendar;

/// <summary>Attendance earns the community's points per event attended, recorded by staff once the occurrence has started.</summary>
public sealed class when_staff_record_attendance(CalendarApp app) : IClassFixture<CalendarApp>
{
    private const string Mark = "mutation($e: ID!, $s: DateTimeOffset!, $u: [ID!]!) { markAttendance(eventId: $e, occurrenceStartsAt: $s, userIds: $u) { id } }";
    private const string Level = "query($c: ID!) { myLevel(communityId: $c, recent: 5) { points level recent { reason points eventId } } }";

    private async Task<(GraphQLClient Client, string Id)> Member(string community)
    {
        var member = await app.Person("attendee");
        await member.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        return (member, (await member.Data("{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!);
    }

    private static JsonElement LevelOf(JsonElement data) => data.GetProperty("myLevel");

    [Fact]
    public async Task staff_mark_members_once_per_occurrence_from_its_start_and_each_earns_the_rules_points_once()
    {
        var owner = await app.Person("host");
        var community = (await owner.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Makers", slug = $"at-{Guid.NewGuid():N}"[..20] } })).GetProperty("createCommunity").GetProperty("id").GetString()!;
        await owner.Data("mutation($c: ID!, $i: PointRulesInput!) { setPointRules(communityId: $c, input: $i) { versions { effectiveFrom } } }",
            new { c = community, i = new { perEventAttended = 7 } });
        var start = app.Clock.GetUtcNow().AddHours(1);
        var eventId = (await owner.Data("mutation($c: ID!, $i: CreateEventInput!) { createEvent(communityId: $c, input: $i) { id } }",
            new { c = community, i = new { title = "Build night", startsAt = start, endsAt = start.AddHours(2) } })).GetProperty("createEvent").GetProperty("id").GetString()!;
        var (first, firstId) = await Member(community);
        var (second, secondId) = await Member(community);
        var marked = new { e = eventId, s = start, u = new[] { firstId, secondId } };

        Assert.Equal("CONFLICT", (await owner.Send(Mark, marked)).FirstErrorCode);
        app.Clock.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal("FORBIDDEN", (await first.Send(Mark, new { e = eventId, s = start, u = new[] { secondId } })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await owner.Send(Mark, new { e = eventId, s = start.AddMinutes(5), u = new[] { firstId } })).FirstErrorCode);
        Assert.Equal(0, LevelOf(await first.Data(Level, new { c = community })).GetProperty("points").GetInt32());

        await owner.Data(Mark, marked);
        foreach (var member in new[] { first, second })
        {
            // 7 points pass the default threshold of level 2 (5): the level check follows the points as for every other source.
            var level = LevelOf(await Shops.Eventually(() => member.Data(Level, new { c = community }), d => LevelOf(d).GetProperty("level").GetInt32() == 2));
            Assert.Equal((7, 2), (level.GetProperty("points").GetInt32(), level.GetProperty("level").GetInt32()));
            var line = level.GetProperty("recent")[0];
            Assert.Equal(("EVENT_ATTENDED", 7, eventId), (line.GetProperty("reason").GetString(), line.GetProperty("points").GetInt32(), line.GetProperty("eventId").GetString()));
        }

        await owner.Data(Mark, marked);
        Assert.Equal(7, LevelOf(await first.Data(Level, new { c = community })).GetProperty("points").GetInt32());
    }
}
