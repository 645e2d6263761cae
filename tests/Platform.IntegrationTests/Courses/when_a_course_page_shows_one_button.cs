using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Courses;

/// <summary>course.lock, and the selling rules behind PAYMENT_REQUIRED: only what can be sold has a price, and a PAID course is published with one.</summary>
public sealed class when_a_course_page_shows_one_button(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly Classroom classroom = new(app);

    private const string Lock = "query($c: ID!) { course(id: $c) { lock { reason level } } }";

    private static string? Reason(JsonElement data) =>
        data.GetProperty("course").GetProperty("lock") is { ValueKind: JsonValueKind.Object } found ? found.GetProperty("reason").GetString() : null;

    [Fact]
    public async Task the_lock_says_join_enrol_buy_or_reach_the_level()
    {
        var free = await classroom.Course(["One"]);
        var paid = await classroom.Course(["One"], access: "PAID");
        var level = await classroom.Course(["One"], access: "LEVEL", unlockLevel: 3);
        var enrolled = await classroom.Learner(free);
        var member = await classroom.Learner(free, enrol: false);
        var paidMember = await classroom.Learner(paid, enrol: false);
        var levelMember = await classroom.Learner(level, enrol: false);
        var levelLock = (await levelMember.Data(Lock, new { c = level.Course })).GetProperty("course").GetProperty("lock");

        Assert.Equal("NOT_MEMBER", Reason(await app.Client().Data(Lock, new { c = free.Course })));
        Assert.Equal("NOT_MEMBER", Reason(await app.Client(Given.Unique("out")).Data(Lock, new { c = free.Course })));
        Assert.Equal("NOT_ENROLLED", Reason(await member.Data(Lock, new { c = free.Course })));
        Assert.Null(Reason(await enrolled.Data(Lock, new { c = free.Course })));
        Assert.Null(Reason(await app.Client(free.Creator).Data(Lock, new { c = free.Course })));
        Assert.Equal("PAYMENT_REQUIRED", Reason(await paidMember.Data(Lock, new { c = paid.Course })));
        Assert.Equal(("LEVEL", 3), (levelLock.GetProperty("reason").GetString(), levelLock.GetProperty("level").GetInt32()));
    }

    [Fact]
    public async Task a_paid_course_is_published_only_with_a_price_and_only_what_is_sold_takes_one()
    {
        var paid = await classroom.Course(["One"], access: "PAID", publish: false);
        var unpriced = await classroom.Course(["One"], access: "PAID", publish: false);
        var free = await classroom.Course(["One"]);
        const string setPrice = "mutation($p: ID!) { setPrice(productId: $p, input: { amount: 1000, currency: \"eur\" }) { id } }";

        var withoutPrice = await app.Client(unpriced.Creator).Send("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = unpriced.Course });
        await app.Client(paid.Creator).Data(setPrice, new { p = paid.Course });
        var withPrice = await app.Client(paid.Creator).Send("mutation($c: ID!) { publishCourse(courseId: $c) { published } }", new { c = paid.Course });
        var freeCourse = await app.Client(free.Creator).Send(setPrice, new { p = free.Course });
        var openCommunity = await app.Client(free.Creator).Send(setPrice, new { p = free.Community });

        Assert.Equal("VALIDATION", withoutPrice.FirstErrorCode);
        Assert.Contains("price", withoutPrice.Errors!.Value[0].GetProperty("message").GetString());
        Assert.Null(withPrice.Errors);
        Assert.Equal(("VALIDATION", true), (freeCourse.FirstErrorCode, freeCourse.Errors!.Value[0].GetProperty("message").GetString()!.Contains("PAID course")));
        Assert.Equal(("VALIDATION", true), (openCommunity.FirstErrorCode, openCommunity.Errors!.Value[0].GetProperty("message").GetString()!.Contains("join policy PAID")));
    }
}
