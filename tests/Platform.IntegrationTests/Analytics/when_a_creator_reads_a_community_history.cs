using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Commerce;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Courses;
using Platform.Projections.Analytics;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Analytics;

/// <summary>
/// Three months of a community on a fake clock: joins, departures and a ban, free, bought and level enrolments with lessons and
/// completions through GraphQL; subscriptions with trials (one converting, one not), an upgrade, a downgrade, a cancellation and a
/// reactivation, a partial refund and a lost dispute as the payment provider's events. Every figure of <c>creatorAnalytics</c> is
/// checked against values worked out by hand below; the drill-down names what a figure counts; a rebuild gives the same answer.
/// </summary>
public sealed partial class when_a_creator_reads_a_community_history(AnalyticsApp app) : IClassFixture<AnalyticsApp>
{
    private static readonly DateTimeOffset S = AnalyticsApp.Start, M2 = S.AddMonths(1), M3 = S.AddMonths(2), M4 = S.AddMonths(3);
    private static DateTimeOffset Day(int day, DateTimeOffset? month = null) => (month ?? S).AddDays(day).AddHours(10);
    private static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd");
    private static string Week(DateTimeOffset at) => DayKey(at.AddDays(-(((int)at.UtcDateTime.DayOfWeek + 6) % 7)));

    private const string Report = """
        query($c: ID!, $i: AnalyticsInput, $asOf: DateTimeOffset) { creatorAnalytics(communityId: $c, input: $i, asOf: $asOf) {
          currency mrr { amount } activeSubscribers churnRate trialsEnded trialsConverted trialConversion arpu { amount }
          revenueByDay { day gross { amount } fees { amount } net { amount } refunds { amount } disputes { amount } }
          mrrByMonth { month mrr { amount } new { amount } expansion { amount } contraction { amount } churned { amount } reactivated { amount } }
          enrolments { courseTitle source count }
          completionFunnel { courseTitle enrolled started reached25 reached50 reached75 completed medianDaysToComplete }
          memberGrowth { weekStart joined left banned } } }
        """;

    private const string DrillDown = """
        query($c: ID!, $f: Figure!, $k: String, $i: AnalyticsInput) { analyticsDrillDown(communityId: $c, figure: $f, key: $k, input: $i) {
          kind sourceId userId value } }
        """;

    private sealed record History(string Community, string Creator, string Course, Dictionary<string, Guid> Users, Dictionary<string, Guid> Ids, Dictionary<string, string> Names);

    private async Task<History> Build()
    {
        var clock = app.Clock;
        string U(string name) => Given.Unique(name);
        var users = new[] { "creator", "a", "b", "c", "d", "e", "f" }.ToDictionary(n => n, U);
        GraphQLClient As(string who) => app.Caller(users[who]);
        void At(DateTimeOffset at) { if (at > clock.GetUtcNow()) clock.SetUtcNow(at); }

        At(S.AddHours(9));
        var community = await Given.Community(As("creator"), "Analytics history");
        var course = (await As("creator").Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Intro\" }) { id } }", new { c = community }))
            .GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await As("creator").Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"All\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        for (var i = 1; i <= 4; i++)
            await As("creator").Data("mutation($m: ID!, $t: String!) { addLesson(moduleId: $m, input: { title: $t, body: \"b\" }) { id } }", new { m = module, t = $"L{i}" });
        var lessons = (await As("creator").Data("mutation($c: ID!) { publishCourse(courseId: $c) { modules { lessons { id } } } }", new { c = course }))
            .GetProperty("publishCourse").GetProperty("modules")[0].GetProperty("lessons").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToArray();

        async Task Join(string who) => await As(who).Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        async Task Enrol(string who) => await As(who).Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });
        async Task Complete(string who, int lesson) => await As(who).Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = lessons[lesson - 1] });

        var ids = new Dictionary<string, Guid>();
        var (communityId, courseId, creatorId) = (Guid.Parse(community), Guid.Parse(course), PlatformApp.UserId(users["creator"]));
        Guid Id(string who) => PlatformApp.UserId(users[who]);

        // A sale as the checkout and payment handlers write it: the fee fixed at 15 %, split by MoneySplit.
        (Guid, object)[] Sale(string name, string who, long amount, DateTimeOffset at, PriceInterval interval, bool paid = true, Guid? product = null)
        {
            var purchase = ids[name] = Guid.NewGuid();
            var subscription = interval == PriceInterval.OneTime ? (Guid?)null : DeterministicId.Subscription(purchase);
            var kind = product is null ? ProductKind.Community : ProductKind.Course;
            var split = MoneySplit.Of(amount, 15);
            var events = new List<(Guid, object)>
            {
                (purchase, new CheckoutStarted(purchase, product ?? communityId, kind, communityId, creatorId, Id(who), Guid.NewGuid(), interval, 0, amount, 0,
                    amount, "eur", 15, null, subscription, "local", $"cs_{purchase:N}", "http://pay", at.AddHours(1), at.AddMinutes(-1))),
            };
            if (paid) events.Add((purchase, new PaymentSucceeded(purchase, amount, split.PlatformFee, split.CreatorShare, "eur", $"pi_{purchase:N}", $"evt_{Guid.NewGuid():N}", at)));
            return [.. events];
        }
        (Guid, object) Subscribe(string name, string firstSale, string who, long amount, DateTimeOffset at, int trialDays = 0, Guid? product = null)
        {
            var subscription = ids[name] = DeterministicId.Subscription(ids[firstSale]);
            DateTimeOffset? trialEnds = trialDays > 0 ? at.AddDays(trialDays) : null;
            return (subscription, new SubscriptionStarted(subscription, ids[firstSale], product ?? communityId, product is null ? ProductKind.Community : ProductKind.Course,
                communityId, creatorId, Id(who), Guid.NewGuid(), PriceInterval.Month, amount, "eur", 15, "local", $"sub_{subscription:N}", trialEnds,
                trialEnds ?? at.AddMonths(1), at));
        }

        At(Day(1));
        foreach (var who in new[] { "a", "b", "c", "d" }) await Join(who);
        await Enrol("a");
        await app.Append([.. Sale("p1", "a", 1000, Day(1), PriceInterval.Month), Subscribe("s1", "p1", "a", 1000, Day(1)),
            .. Sale("p7", "a", 500, Day(1), PriceInterval.Month, product: courseId), Subscribe("s7", "p7", "a", 500, Day(1), product: courseId)]);

        At(Day(2));
        await Complete("a", 1);
        await Enrol("b");
        await app.Append([.. Sale("p2", "b", 1000, Day(2), PriceInterval.Month, paid: false), Subscribe("s2", "p2", "b", 1000, Day(2), trialDays: 14)]);
        At(Day(3));
        await Complete("a", 2);
        await Complete("b", 1);
        await app.Append([.. Sale("p3", "c", 1000, Day(3), PriceInterval.Month, paid: false), Subscribe("s3", "p3", "c", 1000, Day(3), trialDays: 14)]);
        At(Day(4));
        await Complete("b", 2);
        await Enrol("d");
        await app.Append([.. Sale("p5", "d", 1000, Day(4), PriceInterval.Month), Subscribe("s5", "p5", "d", 1000, Day(4))]);
        At(Day(5));
        await Complete("a", 3);
        await Complete("d", 1);
        At(Day(6));
        await Complete("a", 4);

        At(Day(8));
        await Join("e");
        await Join("f");
        var enrolmentE = DeterministicId.Enrolment(courseId, Id("e"));
        await app.Append([.. Sale("pe", "e", 5000, Day(8), PriceInterval.OneTime, product: courseId),
            (enrolmentE, new Enrolled(enrolmentE, courseId, Id("e"), EnrolmentSource.Purchase, Day(8)))]);
        At(Day(9));
        await Complete("e", 1);
        var refund = MoneySplit.Reverse(5000, 15, 0, 2000);
        await app.Append((ids["pe"], new PaymentRefunded(ids["pe"], Guid.NewGuid(), "re_1", 2000, refund.PlatformFee, refund.CreatorShare, "eur", "evt_re_1", Day(9))));
        At(Day(10));
        await Complete("e", 2);
        var enrolmentC = DeterministicId.Enrolment(courseId, Id("c"));
        await app.Append([.. Sale("pc", "c", 5000, Day(10), PriceInterval.OneTime, product: courseId),
            (enrolmentC, new Enrolled(enrolmentC, courseId, Id("c"), EnrolmentSource.Purchase, Day(10)))]);
        At(Day(11));
        await Complete("e", 3);
        var enrolmentF = DeterministicId.Enrolment(courseId, Id("f"));
        await app.Append((enrolmentF, new Enrolled(enrolmentF, courseId, Id("f"), EnrolmentSource.Level, Day(12))));
        At(Day(16));
        await Complete("e", 4);
        // B's trial converts: the first renewal is billed and paid when the trial ends. C's trial ends unpaid.
        var renewal = ids["r2"] = Guid.NewGuid();
        await app.Append(
            (renewal, new RenewalBilled(renewal, ids["s2"], communityId, ProductKind.Community, communityId, creatorId, Id("b"), Guid.NewGuid(), PriceInterval.Month,
                1000, "eur", 15, "local", "in_1", Day(16))),
            (renewal, new PaymentSucceeded(renewal, 1000, 150, 850, "eur", "pi_r2", "evt_r2", Day(16))),
            (ids["s2"], new SubscriptionRenewed(ids["s2"], renewal, Day(16).AddMonths(1), Day(16))),
            (ids["s3"], new SubscriptionEnded(ids["s3"], "trial ended unpaid", Day(17))));
        At(Day(18));
        await As("c").Data("mutation($c: ID!) { leaveCommunity(communityId: $c) { id } }", new { c = community });
        await app.Append((ids["pc"], new DisputeOpened(ids["pc"], "dp_1", 5000, "fraudulent", "evt_dp_1", Day(12))),
            (ids["pc"], new DisputeClosed(ids["pc"], "dp_1", false, 5000, 750, 4250, "evt_dp_2", Day(20))),
            (enrolmentC, new EnrolmentRevoked(enrolmentC, courseId, Id("c"), "dispute lost", Day(20))));
        At(Day(22));
        await As("creator").Data("mutation($c: ID!, $u: ID!) { banMember(communityId: $c, userId: $u, reason: \"spam\") { id } }", new { c = community, u = Id("f") });

        // Month 2: D cancels and the subscription ends; B upgrades by adding the course subscription.
        await app.Append((ids["s5"], new SubscriptionCancelRequested(ids["s5"], Id("d"), Day(4, M2), Day(1, M2))),
            (ids["s5"], new SubscriptionEnded(ids["s5"], "canceled", Day(4, M2))));
        await app.Append([.. Sale("p4", "b", 500, Day(5, M2), PriceInterval.Month, product: courseId), Subscribe("s4", "p4", "b", 500, Day(5, M2), product: courseId)]);
        // Month 3: D comes back; A drops the course subscription.
        await app.Append([.. Sale("p6", "d", 1000, Day(2, M3), PriceInterval.Month), Subscribe("s6", "p6", "d", 1000, Day(2, M3))]);
        await app.Append((ids["s7"], new SubscriptionEnded(ids["s7"], "canceled", Day(10, M3))));
        At(M4.AddDays(1));
        await app.WaitForProjections();
        return new History(community, users["creator"], course, users.ToDictionary(u => u.Key, u => PlatformApp.UserId(u.Value)), ids, users);
    }

    // xUnit makes an instance per test; the history is built once per class, on the class's one app.
    private static Task<History>? built;
    private Task<History> Once() => built ??= Build();

    private async Task<JsonElement> Analytics(History h, object input, DateTimeOffset? asOf = null) =>
        (await app.Caller(h.Creator).Data(Report, new { c = h.Community, i = input, asOf })).GetProperty("creatorAnalytics");

    private static long A(JsonElement e, string money) => e.GetProperty(money).GetProperty("amount").GetInt64();

    [Fact]
    public async Task every_figure_matches_the_history_worked_out_by_hand()
    {
        var h = await Once();
        var r = await Analytics(h, new { from = S, to = M4 });

        Assert.Equal("eur", r.GetProperty("currency").GetString());
        // Revenue by day: (day, gross, fees, net, refunds, disputes); 15 % fee, half up.
        var revenue = r.GetProperty("revenueByDay").EnumerateArray()
            .Select(d => (d.GetProperty("day").GetString(), A(d, "gross"), A(d, "fees"), A(d, "net"), A(d, "refunds"), A(d, "disputes"))).ToList();
        Assert.Equal([
            (DayKey(Day(1)), 1500L, 225L, 1275L, 0L, 0L),      // A: community 1000 + course subscription 500
            (DayKey(Day(4)), 1000L, 150L, 850L, 0L, 0L),       // D subscribes
            (DayKey(Day(8)), 5000L, 750L, 4250L, 0L, 0L),      // E buys the course
            (DayKey(Day(9)), 0L, 0L, -1700L, 2000L, 0L),       // E refunded 2000: the share reversed is 2000 - 300
            (DayKey(Day(10)), 5000L, 750L, 4250L, 0L, 0L),     // C buys the course
            (DayKey(Day(16)), 1000L, 150L, 850L, 0L, 0L),      // B's trial converts
            (DayKey(Day(20)), 0L, 0L, -4250L, 0L, 5000L),      // C's dispute is lost
            (DayKey(Day(5, M2)), 500L, 75L, 425L, 0L, 0L),     // B adds the course subscription
            (DayKey(Day(2, M3)), 1000L, 150L, 850L, 0L, 0L),   // D comes back
        ], revenue);

        // MRR by month: (mrr, new, expansion, contraction, churned, reactivated).
        var mrr = r.GetProperty("mrrByMonth").EnumerateArray()
            .Select(m => (m.GetProperty("month").GetString(), A(m, "mrr"), A(m, "new"), A(m, "expansion"), A(m, "contraction"), A(m, "churned"), A(m, "reactivated"))).ToList();
        Assert.Equal([
            (S.ToString("yyyy-MM"), 3500L, 3500L, 0L, 0L, 0L, 0L),    // A 1500, B 1000 (after the trial), D 1000; C never paid
            (M2.ToString("yyyy-MM"), 3000L, 0L, 500L, 0L, 1000L, 0L), // B +500, D ended
            (M3.ToString("yyyy-MM"), 3500L, 0L, 0L, 500L, 0L, 1000L), // A -500, D back
        ], mrr);
        Assert.Equal(3500, A(r, "mrr"));
        Assert.Equal(3, r.GetProperty("activeSubscribers").GetInt32());
        Assert.Equal(1167, A(r, "arpu"));                                   // 3500 / 3, half up
        Assert.Equal(JsonValueKind.Null, r.GetProperty("churnRate").ValueKind); // nobody paid at the window's start
        Assert.Equal(2, r.GetProperty("trialsEnded").GetInt32());
        Assert.Equal(1, r.GetProperty("trialsConverted").GetInt32());
        Assert.Equal(0.5, r.GetProperty("trialConversion").GetDouble());

        var enrolments = r.GetProperty("enrolments").EnumerateArray()
            .Select(e => (e.GetProperty("courseTitle").GetString(), e.GetProperty("source").GetString(), e.GetProperty("count").GetInt32())).ToList();
        Assert.Equal([("Intro", "FREE", 3), ("Intro", "LEVEL", 1), ("Intro", "PURCHASE", 2)], enrolments);
        var funnel = Assert.Single(r.GetProperty("completionFunnel").EnumerateArray());
        // Enrolled A, B, D (free), E, C (bought), F (level); lessons done: A 4, B 2, D 1, E 4, C 0, F 0 of 4.
        Assert.Equal((6, 4, 4, 3, 2, 2), (funnel.GetProperty("enrolled").GetInt32(), funnel.GetProperty("started").GetInt32(),
            funnel.GetProperty("reached25").GetInt32(), funnel.GetProperty("reached50").GetInt32(), funnel.GetProperty("reached75").GetInt32(),
            funnel.GetProperty("completed").GetInt32()));
        Assert.Equal(6.5, funnel.GetProperty("medianDaysToComplete").GetDouble()); // A in 5 days, E in 8

        var joins = new[] { S.AddHours(9), Day(1), Day(1), Day(1), Day(1), Day(8), Day(8) }; // the creator, A-D, E and F
        var expectedWeeks = joins.Select(j => (Week(j), 1, 0, 0)).Append((Week(Day(18)), 0, 1, 0)).Append((Week(Day(22)), 0, 0, 1))
            .GroupBy(x => x.Item1).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(x => x.Item2), g.Sum(x => x.Item3), g.Sum(x => x.Item4))).ToList();
        var weeks = r.GetProperty("memberGrowth").EnumerateArray().Select(w => (w.GetProperty("weekStart").GetString()!, w.GetProperty("joined").GetInt32(),
            w.GetProperty("left").GetInt32(), w.GetProperty("banned").GetInt32())).ToList();
        Assert.Equal(expectedWeeks, weeks);
    }

    [Fact]
    public async Task as_of_a_past_moment_the_figures_are_those_known_then()
    {
        var h = await Once();
        var r = await Analytics(h, new { from = Day(10), to = M4 }, asOf: Day(15, M2));

        Assert.Equal([DayKey(Day(10)), DayKey(Day(16)), DayKey(Day(20)), DayKey(Day(5, M2))],
            r.GetProperty("revenueByDay").EnumerateArray().Select(d => d.GetProperty("day").GetString()).ToList());
        Assert.Equal(3000, A(r, "mrr"));                              // A 1500, B 1500; D ended
        Assert.Equal(2, r.GetProperty("activeSubscribers").GetInt32());
        Assert.Equal(1500, A(r, "arpu"));
        Assert.Equal(0.5, r.GetProperty("churnRate").GetDouble());    // A and D paid at the start; D pays nothing now
        var months = r.GetProperty("mrrByMonth").EnumerateArray().ToList();
        Assert.Equal(2, months.Count);
        Assert.Equal((3000L, 500L, 1000L), (A(months[1], "mrr"), A(months[1], "expansion"), A(months[1], "churned")));
        Assert.Equal(2, r.GetProperty("completionFunnel")[0].GetProperty("enrolled").GetInt32()); // C and F enrolled in the window
        Assert.Equal(0, r.GetProperty("completionFunnel")[0].GetProperty("started").GetInt32());
    }

    [Fact]
    public async Task the_drill_down_returns_the_purchases_subscriptions_and_enrolments_behind_a_figure()
    {
        var h = await Once();
        var input = new { from = S, to = M4 };
        async Task<List<(string Kind, Guid Source, Guid User, long Value)>> Behind(string figure, string key) =>
            (await app.Caller(h.Creator).Data(DrillDown, new { c = h.Community, f = figure, k = key, i = input })).GetProperty("analyticsDrillDown")
            .EnumerateArray().Select(x => (x.GetProperty("kind").GetString()!, Guid.Parse(x.GetProperty("sourceId").GetString()!),
                Guid.Parse(x.GetProperty("userId").GetString()!), x.GetProperty("value").GetInt64())).ToList();

        Assert.Equal([("PURCHASE", h.Ids["pe"], h.Users["e"], -1700L)], await Behind("NET", DayKey(Day(9))));
        Assert.Equal([("PURCHASE", h.Ids["p1"], h.Users["a"], 1000L), ("PURCHASE", h.Ids["p7"], h.Users["a"], 500L)],
            (await Behind("GROSS", DayKey(Day(1)))).OrderByDescending(x => x.Value).ToList());
        Assert.Equal([("SUBSCRIPTION", h.Ids["s5"], h.Users["d"], 1000L)], await Behind("MRR_CHURNED", M2.ToString("yyyy-MM")));
        Assert.Equal([("SUBSCRIPTION", h.Ids["s6"], h.Users["d"], 1000L)], await Behind("MRR_REACTIVATED", M3.ToString("yyyy-MM")));
        var course = Guid.Parse(h.Course);
        Assert.Equal([DeterministicId.Enrolment(course, h.Users["a"]), DeterministicId.Enrolment(course, h.Users["e"])],
            (await Behind("COMPLETED", h.Course)).Select(x => x.Source).ToList());
        Assert.Equal(2, (await Behind("ENROLLED", $"{h.Course}/PURCHASE")).Count);
    }

    [Fact]
    public async Task the_dashboard_shows_each_role_what_it_needs_first()
    {
        var h = await Once();
        var creator = (await app.Caller(h.Creator).Data("""
            { dashboard { creator { pendingJoinRequests openReports
              figures { currency revenueToday { amount } revenueThisMonth { amount } mrr { amount } newMembersThisMonth } } } }
            """)).GetProperty("dashboard").GetProperty("creator");
        var figures = Assert.Single(creator.GetProperty("figures").EnumerateArray());
        // The clock stands on the second day of the fourth month: nothing sold or joined in it yet; MRR as the history left it.
        Assert.Equal(("eur", 0L, 0L, 3500L, 0), (figures.GetProperty("currency").GetString(), A(figures, "revenueToday"), A(figures, "revenueThisMonth"),
            A(figures, "mrr"), figures.GetProperty("newMembersThisMonth").GetInt32()));
        Assert.Equal(0, creator.GetProperty("pendingJoinRequests").GetInt32());
        Assert.Equal(0, creator.GetProperty("openReports").GetInt32());

        // B took two of the four lessons; A completed the course and has nothing left to continue.
        const string Member = "{ dashboard { member { continueLearning { progressPercent } notifications { unreadCount } } creator { communities { id } } } }";
        var b = (await app.Caller(h.Names["b"]).Data(Member)).GetProperty("dashboard");
        Assert.Equal([50], b.GetProperty("member").GetProperty("continueLearning").EnumerateArray().Select(e => e.GetProperty("progressPercent").GetInt32()));
        Assert.Equal(JsonValueKind.Null, b.GetProperty("creator").ValueKind);
        Assert.Empty((await app.Caller(h.Names["a"]).Data(Member)).GetProperty("dashboard").GetProperty("member").GetProperty("continueLearning").EnumerateArray());

        await app.Append((h.Ids["p1"], new DisputeOpened(h.Ids["p1"], "dp_open", 1000, "unrecognized", "evt_dp_open", Day(1, M4))));
        var backlog = (await app.Caller(Given.Unique("fin"), "finance").Data("{ dashboard { finance { backlog { pendingRefunds openDisputes payoutsInTransit } } } }"))
            .GetProperty("dashboard").GetProperty("finance").GetProperty("backlog");
        Assert.Equal((0, 1, 0), (backlog.GetProperty("pendingRefunds").GetInt32(), backlog.GetProperty("openDisputes").GetInt32(), backlog.GetProperty("payoutsInTransit").GetInt32()));
    }

    [Fact]
    public async Task the_analytics_rebuilt_from_the_events_equal_the_live_ones()
    {
        var h = await Once();
        var input = new { from = S, to = M4 };
        var live = (await Analytics(h, input)).GetRawText();
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        async Task<string[]> Documents()
        {
            await using var session = store.QuerySession();
            var id = Guid.Parse(h.Community);
            var json = store.Options.Serializer();
            return [
                .. (await session.Query<SaleFacts>().Where(s => s.CommunityId == id).ToListAsync()).OrderBy(s => s.Id).Select(json.ToJson),
                .. (await session.Query<SubscriptionFacts>().Where(s => s.CommunityId == id).ToListAsync()).OrderBy(s => s.Id).Select(json.ToJson),
                .. (await session.Query<EnrolmentFacts>().Where(e => e.CourseId == Guid.Parse(h.Course)).ToListAsync()).OrderBy(e => e.Id).Select(json.ToJson),
                .. (await session.Query<MemberChange>().Where(m => m.CommunityId == id).ToListAsync()).OrderBy(m => m.Id).Select(json.ToJson),
            ];
        }
        var documents = await Documents();
        Assert.Equal(10 + 7 + 6 + 9, documents.Length); // purchases (with the renewal), subscriptions, enrolments, membership changes

        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<SaleFactsProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<SubscriptionFactsProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<EnrolmentFactsProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<MemberChangeProjection>(CancellationToken.None);

        Assert.Equal(documents, await Documents());
        Assert.Equal(live, (await Analytics(h, input)).GetRawText());
    }
}
