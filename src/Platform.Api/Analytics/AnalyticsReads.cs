using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Projections.Analytics;
using Platform.Projections.Courses;

namespace Platform.Api.Analytics;

/// <summary>The window a caller asks about, checked: the abuse limit on how much history one call replays sits here.</summary>
public sealed record AnalyticsInput(DateTimeOffset? From, DateTimeOffset? To, string? Currency);

/// <summary>The reads behind <c>creatorAnalytics</c> and its drill-down: one community's facts, from the analytics projections.</summary>
public static class AnalyticsReads
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>The window: <c>to</c> defaults to now, <c>from</c> to 30 days before it; <c>asOf</c> ends it earlier.</summary>
    public static (DateTimeOffset From, DateTimeOffset End) Window(AnalyticsInput? input, DateTimeOffset? asOf, DateTimeOffset now)
    {
        var to = input?.To ?? now;
        var from = input?.From ?? to - DefaultWindow;
        DateRange.Check(from, to);
        if (to - from > MaxWindow) throw DomainException.Invalid($"A window is at most {MaxWindow.TotalDays:0} days long.");
        var end = asOf is { } at && at < to ? at : to;
        if (end <= from) throw DomainException.Invalid("'asOf' must be after 'from'.");
        return (from, end);
    }

    public static Task<(AnalyticsFacts Facts, AnalyticsWindow Window)> Load(IResolveFieldContext context, Guid communityId, CancellationToken cancellation) =>
        Load(context.Reads(), communityId, context.GetArgument<AnalyticsInput?>("input"), context.GetArgument<DateTimeOffset?>("asOf"),
            context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow(), cancellation);

    /// <summary>The facts and window of one request, over GraphQL or the CSV export.</summary>
    public static async Task<(AnalyticsFacts Facts, AnalyticsWindow Window)> Load(IQuerySession reads, Guid communityId, AnalyticsInput? input, DateTimeOffset? asOf,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var (from, end) = Window(input, asOf, now);
        var facts = await Facts(reads, communityId, from, end, cancellation);
        return (facts, new AnalyticsWindow(from, end, Currency(input?.Currency, facts)));
    }

    public static async Task<AnalyticsFacts> Facts(IQuerySession reads, Guid communityId, DateTimeOffset from, DateTimeOffset end, CancellationToken cancellation)
    {
        var sales = await reads.Query<SaleFacts>().Where(s => s.CommunityId == communityId).ToListAsync(cancellation);
        var subscriptions = await reads.Query<SubscriptionFacts>().Where(s => s.CommunityId == communityId).ToListAsync(cancellation);
        var courses = (await reads.Query<CourseOutline>().Where(c => c.CommunityId == communityId).ToListAsync(cancellation))
            .ToDictionary(c => c.Id, c => new CourseInfo(c.Id, c.Title,
                (c.Published ?? c.Draft).SelectMany(m => m.Lessons).Where(l => !l.Optional).Select(l => l.Id).ToHashSet()));
        var courseIds = courses.Keys.ToArray();
        var enrolments = await reads.Query<EnrolmentFacts>().Where(e => e.CourseId.IsOneOf(courseIds) && e.EnrolledAt >= from && e.EnrolledAt < end)
            .ToListAsync(cancellation);
        var members = await reads.Query<MemberChange>().Where(m => m.CommunityId == communityId && m.At >= from && m.At < end).ToListAsync(cancellation);
        return new AnalyticsFacts(sales, subscriptions, enrolments, members, courses);
    }

    /// <summary>The currency asked for, else the one the community sells in (usd when it has sold nothing).</summary>
    private static string Currency(string? asked, AnalyticsFacts facts)
    {
        if (asked is not null) return Commerce.Currencies.Of(asked);
        var sold = facts.Sales.Select(s => s.Currency).Concat(facts.Subscriptions.Select(s => s.Currency)).Distinct().ToList();
        return sold.Count switch
        {
            0 => "usd",
            1 => sold[0],
            _ => throw DomainException.Invalid($"This community sells in {string.Join(", ", sold.Order())}: name a currency."),
        };
    }
}
