using System.Globalization;
using Marten;
using NodaTime;
using Platform.Api.Calendar;
using Platform.Api.Identity;
using Platform.Api.Moderation;
using Platform.Api.Social;
using Platform.Contracts;
using Platform.Projections.Communities;
using Platform.Projections.Identity;
using Platform.Projections.Social;

namespace Platform.Api.Mail;

/// <summary>
/// What a digest says, one line each: the member's notifications of the period still unread, new posts in their communities
/// (not their own, not deleted or hidden), and their communities' events in the period ahead. Only what the member may see now.
/// </summary>
public static class DigestContents
{
    /// <summary>At most this many of each section are read; the template shows 20 lines and counts the rest.</summary>
    public const int MaxPerSection = 50;

    public static async Task<IReadOnlyList<string>> For(IQuerySession reads, IFeeds feeds, UserAccount member, DigestPeriod period, DateTimeOffset since,
        DateTimeZone zone, CancellationToken cancellation)
    {
        var caller = new Caller();
        caller.SignIn(member);
        var communities = (await EventQueries.CommunitiesOf(reads, member, cancellation)).ToArray();
        var names = (await reads.LoadManyAsync<CommunityCard>(cancellation, communities)).ToDictionary(c => c.Id, c => c.Name);
        string Community(Guid id) => names.GetValueOrDefault(id, "your community");

        var marker = await reads.Events.AggregateStreamAsync<NotificationsMarker>(DeterministicId.Notifications(member.Id), token: cancellation);
        var hidden = await SocialAccess.HiddenCommunities(reads, caller, cancellation);
        var unread = (await feeds.Read(FeedKey.Notification(member.Id), MaxPerSection, null, hidden, cancellation)).Items.Select(i => i.Item)
            .Where(a => a.Time >= since && a.Time < period.To && (marker is null || a.Time > marker.ReadUpTo)).ToList();

        var posts = await reads.Query<PostView>()
            .Where(p => communities.Contains(p.CommunityId) && p.CreatedAt >= since && p.CreatedAt < period.To && p.DeletedAt == null && p.AuthorId != member.Id)
            .OrderByDescending(p => p.CreatedAt).Take(MaxPerSection).ToListAsync(cancellation);
        // What members may not see stays out of the mail too: posts moderators hid, and those of suspended authors.
        var hiding = await ModerationReads.HidingOf(reads, posts.Select(p => p.Id), posts.Select(p => p.AuthorId), cancellation);
        posts = [.. posts.Where(p => !hiding.Hides(p.Id, p.AuthorId))];

        var titles = (await reads.LoadManyAsync<PostView>(cancellation, unread.Select(a => a.PostId).OfType<Guid>().Distinct().ToArray()))
            .ToDictionary(p => p.Id, p => p.Title);
        var actors = (await reads.LoadManyAsync<UserAccount>(cancellation, unread.Select(a => a.ActorId).Distinct().ToArray()))
            .ToDictionary(a => a.Id, a => a.DisplayName);

        var ahead = period.To + (period.To - period.From);
        var events = new List<EventOccurrence>();
        foreach (var community in communities) events.AddRange(await EventQueries.Between(reads, community, period.To, ahead, zone, cancellation));

        return
        [
            .. unread.Select(a => Notification(a, actors.GetValueOrDefault(a.ActorId, "Someone"), a.PostId is { } post ? titles.GetValueOrDefault(post) : null)),
            .. posts.Select(p => $"New in {Community(p.CommunityId)}: \"{p.Title}\""),
            .. events.OrderBy(e => e.Occurrence.StartsAt).Take(MaxPerSection).Select(e =>
                $"Coming up in {Community(e.Event.CommunityId)}: {e.Event.Title}, {e.Occurrence.LocalStart.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)} ({zone.Id})"),
        ];
    }

    /// <summary>A notification as a sentence; the verbs are the feed's (<c>FeedActivities</c>).</summary>
    public static string Notification(FeedActivity a, string actor, string? postTitle)
    {
        var on = postTitle is null ? "" : $" on \"{postTitle}\"";
        return a.Verb switch
        {
            "reply" => $"{actor} replied to you{on}",
            "comment" => $"{actor} commented{on}",
            "mention" => $"{actor} mentioned you{on}",
            "react" => $"{actor} liked your writing{on}",
            "lesson" => "A new lesson is out in a course you take",
            "level" => "You reached a new level",
            "unlock" => "A course unlocked for you",
            "ticket_reply" => $"{actor} answered your support ticket",
            "purchase" => $"{actor} bought from you",
            "payout" => "A payout reached your bank",
            "payout_failed" => "A payout failed",
            "moderation" => "A moderator decided on something you wrote",
            "report_resolved" => "A report you made was decided",
            var verb => $"{actor}: {verb}{on}",
        };
    }
}
