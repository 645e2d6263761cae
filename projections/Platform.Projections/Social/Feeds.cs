using System.Text;
using Marten;

namespace Platform.Projections.Social;

/// <summary>A feed: <c>user</c>, <c>community</c>, <c>course</c>, <c>timeline</c> or <c>notification</c>, and its owner's id.</summary>
public sealed record FeedKey(string Slug, Guid Id)
{
    public static FeedKey User(Guid id) => new("user", id);
    public static FeedKey Community(Guid id) => new("community", id);
    public static FeedKey Course(Guid id) => new("course", id);
    public static FeedKey Timeline(Guid id) => new("timeline", id);
    public static FeedKey Notification(Guid id) => new("notification", id);

    public override string ToString() => $"{Slug}:{Id}";
}

/// <summary>
/// One activity as both implementations store it. <c>ForeignId</c> names it ("post:{id}") and, with <c>Time</c>,
/// makes a repeated delivery the same activity; <c>Feeds</c> are the feeds it is written to.
/// </summary>
public sealed record FeedActivity(
    string ForeignId, string Verb, Guid ActorId, Guid ObjectId, DateTimeOffset Time, Guid? PostId, Guid? CommunityId, IReadOnlyList<FeedKey> Feeds)
{
    /// <summary>Both stores keep microseconds (PostgreSQL, and Stream's time format): cut the rest off once, here.</summary>
    public static DateTimeOffset Moment(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);
}

/// <summary>What an event does to the feeds: the one description both implementations apply.</summary>
public abstract record FeedChange;
public sealed record PublishActivity(FeedActivity Activity) : FeedChange;
public sealed record RemoveActivity(string ForeignId, IReadOnlyList<FeedKey> Feeds) : FeedChange;
public sealed record FollowFeed(FeedKey Follower, FeedKey Target) : FeedChange;
public sealed record UnfollowFeed(FeedKey Follower, FeedKey Target) : FeedChange;

/// <summary>A page of a feed, newest first; each item's cursor reads on after it.</summary>
public sealed record FeedPage(IReadOnlyList<(string Cursor, FeedActivity Item)> Items, bool HasMore);

/// <summary>
/// The feed port: embedded (documents in PostgreSQL, <see cref="EmbeddedFeeds"/>) or Stream's Activity Feeds API.
/// A timeline follows user and community feeds; reading it merges what they hold.
/// </summary>
public interface IFeeds
{
    Task Publish(IReadOnlyList<FeedActivity> activities, CancellationToken cancellation);
    Task Remove(string foreignId, IReadOnlyList<FeedKey> feeds, CancellationToken cancellation);
    Task Follow(FeedKey follower, FeedKey target, CancellationToken cancellation);
    Task Unfollow(FeedKey follower, FeedKey target, CancellationToken cancellation);
    /// <summary>Up to <paramref name="limit"/> items after the cursor, leaving out those of <paramref name="hiddenCommunities"/>.</summary>
    Task<FeedPage> Read(FeedKey feed, int limit, string? after, IReadOnlyCollection<Guid> hiddenCommunities, CancellationToken cancellation);
}

public static class FeedChanges
{
    /// <summary>Applies changes in order; consecutive publications go as one batch.</summary>
    public static async Task ApplyTo(this IReadOnlyList<FeedChange> changes, IFeeds feeds, CancellationToken cancellation)
    {
        var batch = new List<FeedActivity>();
        foreach (var change in changes)
        {
            if (change is PublishActivity publish)
            {
                batch.Add(publish.Activity);
                continue;
            }
            if (batch.Count > 0) await feeds.Publish([.. batch], cancellation);
            batch.Clear();
            await (change switch
            {
                RemoveActivity remove => feeds.Remove(remove.ForeignId, remove.Feeds, cancellation),
                FollowFeed follow => feeds.Follow(follow.Follower, follow.Target, cancellation),
                UnfollowFeed unfollow => feeds.Unfollow(unfollow.Follower, unfollow.Target, cancellation),
                _ => throw new InvalidOperationException($"Unknown feed change {change}"),
            });
        }
        if (batch.Count > 0) await feeds.Publish(batch, cancellation);
    }
}

/// <summary>One activity in one feed (embedded implementation).</summary>
public sealed class FeedEntry
{
    public Guid Id { get; set; }
    public string Feed { get; set; } = "";
    public string ForeignId { get; set; } = "";
    public string Verb { get; set; } = "";
    public Guid ActorId { get; set; }
    public Guid ObjectId { get; set; }
    public DateTimeOffset Time { get; set; }
    public Guid? PostId { get; set; }
    public Guid? CommunityId { get; set; }

    public static Guid IdOf(FeedKey feed, string foreignId) => Contracts.DeterministicId.From("feed-entry", feed.ToString(), foreignId);
}

/// <summary>A timeline following a user or community feed with <c>follow</c> (embedded implementation); joined communities are
/// added when read (<see cref="TimelineFollows"/>).</summary>
public sealed class FeedFollow
{
    public Guid Id { get; set; }
    public string Follower { get; set; } = "";
    public string Target { get; set; } = "";

    public static Guid IdOf(FeedKey follower, FeedKey target) => Contracts.DeterministicId.From("feed-follow", follower.ToString(), target.ToString());
}

/// <summary>
/// Feeds as documents. Fan-out on read: an activity is stored once per feed it names (its author's, its community's,
/// its course's, or one person's notifications), and a timeline is merged when read from the newest items of each
/// followed feed, so following hundreds of sources costs one index probe per source and a post costs no timeline writes.
/// </summary>
public sealed class EmbeddedFeeds(IDocumentOperations documents) : IFeeds
{
    public Task Publish(IReadOnlyList<FeedActivity> activities, CancellationToken cancellation)
    {
        foreach (var a in activities)
        foreach (var feed in a.Feeds)
            documents.Store(new FeedEntry
            {
                Id = FeedEntry.IdOf(feed, a.ForeignId), Feed = feed.ToString(), ForeignId = a.ForeignId, Verb = a.Verb, ActorId = a.ActorId,
                ObjectId = a.ObjectId, Time = a.Time, PostId = a.PostId, CommunityId = a.CommunityId,
            });
        return Task.CompletedTask;
    }

    public Task Remove(string foreignId, IReadOnlyList<FeedKey> feeds, CancellationToken cancellation)
    {
        foreach (var feed in feeds) documents.Delete<FeedEntry>(FeedEntry.IdOf(feed, foreignId));
        return Task.CompletedTask;
    }

    public Task Follow(FeedKey follower, FeedKey target, CancellationToken cancellation)
    {
        documents.Store(new FeedFollow { Id = FeedFollow.IdOf(follower, target), Follower = follower.ToString(), Target = target.ToString() });
        return Task.CompletedTask;
    }

    public Task Unfollow(FeedKey follower, FeedKey target, CancellationToken cancellation)
    {
        documents.Delete<FeedFollow>(FeedFollow.IdOf(follower, target));
        return Task.CompletedTask;
    }

    public async Task<FeedPage> Read(FeedKey feed, int limit, string? after, IReadOnlyCollection<Guid> hiddenCommunities, CancellationToken cancellation)
    {
        var key = feed.ToString();
        var sources = feed.Slug == "timeline"
            ? (await documents.Query<FeedFollow>().Where(f => f.Follower == key).Select(f => f.Target).ToListAsync(cancellation))
                .Union((await TimelineFollows.JoinedCommunities(documents, feed.Id, cancellation)).Select(c => FeedKey.Community(c).ToString()))
                .ToArray()
            : [key];
        var communities = sources.Where(s => s.StartsWith("community:", StringComparison.Ordinal)).Select(s => Guid.Parse(s["community:".Length..])).ToArray();
        var (time, id) = DecodeCursor(after);
        var table = documents.DocumentStore.Options.FindOrResolveDocumentType(typeof(FeedEntry)).TableName.QualifiedName;
        // Keyset on (time, id), newest first: a page never shifts when new items arrive. Each source gives its own newest
        // keys from the (feed, time, id, community) index; only the merged page's documents are then read.
        // A post is in its author's feed and its community's (FeedActivities.PostFeeds, and a user feed holds nothing else),
        // under a different id in each: a timeline following both takes it from the community's feed only, so every item
        // has one key and a cursor never lets its other copy through on the next page.
        var rows = await documents.QueryAsync<FeedEntry>(
            $"""
             select d.data from (
                 select e.id, e.time from unnest(?::varchar[]) as s(feed)
                 cross join lateral (
                     select f.id, f.time from {table} f
                     where f.feed = s.feed and (f.time, f.id) < (?, ?)
                       and (f.community_id is null or not f.community_id = any(?))
                       and not (s.feed like 'user:%' and f.community_id = any(?))
                     order by f.time desc, f.id desc limit ?) e
                 order by e.time desc, e.id desc limit ?) page
             join {table} d on d.id = page.id
             order by page.time desc, page.id desc
             """,
            cancellation, sources, time, id, hiddenCommunities.ToArray(), communities, limit + 1, limit + 1);
        var items = rows.Take(limit)
            .Select(r => (EncodeCursor(r.Time, r.Id), new FeedActivity(r.ForeignId, r.Verb, r.ActorId, r.ObjectId, r.Time, r.PostId, r.CommunityId, [feed])))
            .ToList();
        return new FeedPage(items, rows.Count > limit);
    }

    private static string EncodeCursor(DateTimeOffset time, Guid id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{time.UtcTicks}:{id}"));

    private static (DateTimeOffset Time, Guid Id) DecodeCursor(string? cursor)
    {
        if (cursor is null) return (DateTimeOffset.MaxValue.ToUniversalTime(), Guid.Empty);
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && Guid.TryParse(parts[1], out var id))
                return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        }
        catch (FormatException) { }
        throw new InvalidFeedCursor();
    }
}

/// <summary>A cursor that this feed did not hand out.</summary>
public sealed class InvalidFeedCursor() : Exception("The cursor is not valid.");

/// <summary>
/// "This feed now holds this activity", for live subscribers (<c>feedUpdated</c>, <c>notificationAdded</c>): sent once the
/// feed has the item, one small NOTIFY per feed so no payload nears PostgreSQL's 8000-byte cap.
/// </summary>
public sealed record FeedNotice(string Feed, FeedActivity Activity)
{
    public static IEnumerable<string> Payloads(IEnumerable<FeedChange> changes) =>
        from publish in changes.OfType<PublishActivity>()
        from feed in publish.Activity.Feeds
        select System.Text.Json.JsonSerializer.Serialize(
            new { type = nameof(FeedNotice), data = new FeedNotice(feed.ToString(), publish.Activity with { Feeds = [] }) },
            System.Text.Json.JsonSerializerOptions.Web);
}
