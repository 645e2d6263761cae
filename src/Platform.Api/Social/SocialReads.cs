using System.Reactive.Linq;
using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Live;
using Platform.Api.Social.Graph;
using Platform.Projections.Identity;
using Platform.Projections.Social;

namespace Platform.Api.Social;

public enum FeedType { User, Community, Timeline, Course, Notification }

/// <summary>What the module's handlers and fields read: posts, mentions, feeds and the notification state.</summary>
public static class SocialReads
{
    public const int UnreadCap = 100;

    public static async Task<PostView?> PostHolding(IQuerySession reads, Guid postOrCommentId, CancellationToken cancellation) =>
        await reads.LoadAsync<PostView>(postOrCommentId, cancellation)
        ?? await reads.Query<PostView>().FirstOrDefaultAsync(p => p.CommentIds.Contains(postOrCommentId), cancellation);

    /// <summary>The post as committed: inline projections make it current as soon as the command returns.</summary>
    public static async Task<PostView> PostAfter(IResolveFieldContext context, Guid postId) =>
        await context.Reads().LoadAsync<PostView>(postId, context.CancellationToken) ?? throw DomainException.NotFound("The post");

    /// <summary>
    /// The items of a feed page the caller may see, with what they show loaded in one round trip: the moderation state (hidden
    /// objects, suspended actors) and, for every item, its post, actor, the post's reactions and images (a query each, on one
    /// batch; an item hidden after all cost a row or two). Then the posts' authors who are not among the actors, if any.
    /// </summary>
    public static async Task<IReadOnlyList<(string Cursor, FeedActivity Item)>> VisibleFeedPage(IResolveFieldContext context,
        IReadOnlyList<(string Cursor, FeedActivity Item)> page)
    {
        var services = context.RequestServices!;
        var items = page.Select(i => i.Item).ToList();
        var postIds = items.Select(i => i.PostId).OfType<Guid>().Distinct().ToList();
        var posts = services.GetRequiredService<DocumentLookup<PostView>>();
        var users = services.GetRequiredService<Identity.UserLookup>();
        var batch = context.Reads().CreateBatchQuery();
        var hiding = Moderation.ModerationReads.QueueHiding(batch, page);
        var loading = Task.WhenAll(hiding, posts.Queue(batch, postIds), users.Queue(batch, items.Select(i => i.ActorId)),
            services.GetRequiredService<ReactionLookup>().Queue(batch, postIds), services.GetRequiredService<Files.PostImageLookup>().Queue(batch, postIds));
        if (!loading.IsCompleted) await batch.Execute(context.CancellationToken);
        await loading;
        var visible = Moderation.ModerationReads.VisibleFeedItems(context.Caller().Account, page, await hiding);
        var authors = new List<Guid>();
        foreach (var id in visible.Select(i => i.Item.PostId).OfType<Guid>().Distinct())
            if (await posts.Get(id, context.CancellationToken) is { } post) authors.Add(post.AuthorId);
        await users.Prime(authors, context.CancellationToken);
        return visible;
    }

    /// <summary>The users whose handles the text mentions; unknown handles are plain text.</summary>
    public static async Task<IReadOnlyList<Guid>> Mentioned(IQuerySession session, string text, CancellationToken cancellation)
    {
        var handles = Post.MentionedHandles(text);
        if (handles.Count == 0) return [];
        return (await session.Query<UserAccount>().Where(u => handles.Contains(u.Handle)).Select(u => u.Id).ToListAsync(cancellation)).Order().ToList();
    }

    public static FeedKey Key(FeedType type, Guid ownerId) => type switch
    {
        FeedType.User => FeedKey.User(ownerId),
        FeedType.Community => FeedKey.Community(ownerId),
        FeedType.Timeline => FeedKey.Timeline(ownerId),
        FeedType.Course => FeedKey.Course(ownerId),
        _ => FeedKey.Notification(ownerId),
    };

    /// <param name="hidden">The communities hidden from the caller when already known (the dashboard reads them with its section).</param>
    public static async Task<NotificationState> NotificationStateOf(IResolveFieldContext context, IReadOnlyCollection<Guid>? hidden = null)
    {
        var userId = context.UserId();
        var marker = await context.Reads().Events.AggregateStreamAsync<NotificationsMarker>(Contracts.DeterministicId.Notifications(userId), token: context.CancellationToken);
        hidden ??= await SocialAccess.HiddenCommunities(context.Reads(), context.Caller(), context.CancellationToken);
        var page = await context.RequestServices!.GetRequiredService<IFeeds>()
            .Read(FeedKey.Notification(userId), UnreadCap, null, hidden, context.CancellationToken);
        return new NotificationState(marker?.ReadUpTo, page.Items.Count(i => marker is null || i.Item.Time > marker.ReadUpTo));
    }

    /// <summary>
    /// Items landing in any of <paramref name="feeds"/>, without those of communities hidden from the subscriber. A post lands in
    /// its author's feed and its community's: with both among the feeds it is heard once, from the community's, as a timeline
    /// page shows it (<see cref="EmbeddedFeeds.Read"/>).
    /// </summary>
    public static async Task<IObservable<object?>> FeedStream(IResolveFieldContext context, HashSet<string> feeds)
    {
        var hidden = await SocialAccess.HiddenCommunities(context.Reads(), context.Caller(), context.CancellationToken);
        return context.RequestServices!.GetRequiredService<LiveEvents>().Of<FeedNotice>()
            .Where(n => feeds.Contains(n.Feed) && !(n.Activity.CommunityId is { } c && hidden.Contains(c)))
            .Where(n => !(n.Feed.StartsWith("user:", StringComparison.Ordinal) && n.Activity.CommunityId is { } c
                          && feeds.Contains(FeedKey.Community(c).ToString())))
            .Select(n => (object?)n.Activity);
    }

    /// <summary>An id given as text in an input: a malformed one is not found, like every id argument.</summary>
    public static Guid? OptionalId(string? value) =>
        value is null ? null : Guid.TryParse(value, out var id) ? id : throw DomainException.NotFound("The id");
}
