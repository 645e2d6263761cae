using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.Contracts.Commerce;
using Platform.Contracts.Courses;
using Platform.Contracts.Engagement;
using Platform.Contracts.Help;
using Platform.Contracts.Moderation;
using Platform.Contracts.Payouts;
using Platform.Contracts.Social;
using Platform.Projections.Courses;

namespace Platform.Projections.Social;

/// <summary>
/// Which feeds an event changes, and how: the one mapping behind both the embedded projection and the Stream fan-out,
/// so both providers hold the same activities. It reads only what was true when the event happened (the course's
/// stream up to the event, enrolments that began before it), so replaying history gives the same feeds.
/// </summary>
public static class FeedActivities
{
    /// <summary>The event types whose feed changes depend on the earlier events of their own stream (<see cref="StreamHistories"/>).</summary>
    public static bool ReadsItsStream(object data) => data is Unreacted or PaymentSucceeded or PayoutPaid or PayoutFailed or CoursePublished;

    /// <summary>The event types that change feeds.</summary>
    public static readonly Type[] Sources =
    [
        typeof(PostCreated), typeof(PostEdited), typeof(PostDeleted), typeof(CommentAdded), typeof(CommentRemoved), typeof(Reacted), typeof(Unreacted),
        typeof(Followed), typeof(Unfollowed), typeof(CoursePublished), typeof(PaymentSucceeded), typeof(PayoutPaid), typeof(PayoutFailed),
        typeof(LevelReached), typeof(CourseUnlocked),
        typeof(TicketReplied), typeof(ReportsResolved),
    ];

    public static async Task<IReadOnlyList<FeedChange>> For(IEvent e, IQuerySession reads, CancellationToken cancellation) => e.Data switch
    {
        PostCreated p => [Publish($"post:{p.PostId}", "post", p.AuthorId, p.PostId, p.CreatedAt, p.PostId, p.CommunityId, PostFeeds(p.AuthorId, p.CommunityId, p.CourseId)),
            .. Mentions(p.PostId, p.PostId, p.CommunityId, p.Mentioned, p.AuthorId, p.CreatedAt)],
        PostEdited p => [.. Mentions(p.PostId, p.PostId, p.CommunityId, p.NewlyMentioned, p.EditedBy, p.EditedAt)],
        PostDeleted p => [new RemoveActivity($"post:{p.PostId}", PostFeeds(p.AuthorId, p.CommunityId, p.CourseId))],
        CommentAdded c => [.. CommentNotifications(c), .. Mentions(c.CommentId, c.PostId, c.CommunityId, c.Mentioned, c.AuthorId, c.AddedAt)],
        CommentRemoved c => [new RemoveActivity($"comment:{c.CommentId}",
            [.. new[] { c.PostAuthorId, c.ParentAuthorId }.OfType<Guid>().Where(u => u != c.AuthorId).Distinct().Select(FeedKey.Notification)])],
        Reacted r when r.TargetAuthorId != r.UserId => [Publish($"reaction:{r.ReactionId}", "react", r.UserId, r.TargetId, r.ReactedAt, r.PostId,
            r.CommunityId, [FeedKey.Notification(r.TargetAuthorId)])],
        Unreacted r => [new RemoveActivity($"reaction:{r.ReactionId}", [FeedKey.Notification(await TargetAuthor(e, reads, cancellation))])],
        Followed f => [new FollowFeed(FeedKey.Timeline(f.FollowerId), Followee(f.Target, f.TargetId))],
        Unfollowed f => [new UnfollowFeed(FeedKey.Timeline(f.FollowerId), Followee(f.Target, f.TargetId))],
        CoursePublished p => await LessonAnnouncements(e, p, reads, cancellation),
        PaymentSucceeded p => await Sale(e, p, reads, cancellation),
        PayoutPaid p => await PayoutSettled(e, p.PayoutId, "payout", p.PaidAt, reads, cancellation),
        PayoutFailed p => await PayoutSettled(e, p.PayoutId, "payout_failed", p.FailedAt, reads, cancellation),
        LevelReached l => [Publish($"level:{l.CommunityId}:{l.Level}", "level", l.UserId, l.CommunityId, l.ReachedAt, null, l.CommunityId, [FeedKey.Notification(l.UserId)])],
        CourseUnlocked u => [Publish($"unlock:{u.CourseId}", "unlock", u.UserId, u.CourseId, u.UnlockedAt, null, u.CommunityId, [FeedKey.Notification(u.UserId)])],
        TicketReplied t when !t.Internal => [.. TicketNotifications(t)],
        ReportsResolved r => [.. ModerationNotifications(r)],
        _ => [],
    };

    private static FeedKey Followee(FollowTarget target, Guid id) => target == FollowTarget.User ? FeedKey.User(id) : FeedKey.Community(id);

    private static FeedKey[] PostFeeds(Guid author, Guid community, Guid? course) =>
        course is { } courseId ? [FeedKey.User(author), FeedKey.Community(community), FeedKey.Course(courseId)] : [FeedKey.User(author), FeedKey.Community(community)];

    private static PublishActivity Publish(string foreignId, string verb, Guid actor, Guid objectId, DateTimeOffset time, Guid? postId, Guid? communityId,
        IReadOnlyList<FeedKey> feeds) =>
        new(new FeedActivity(foreignId, verb, actor, objectId, FeedActivity.Moment(time), postId, communityId, feeds));

    private static IEnumerable<FeedChange> Mentions(Guid objectId, Guid postId, Guid communityId, IEnumerable<Guid> mentioned, Guid author, DateTimeOffset at) =>
        mentioned.Where(m => m != author).Select(m =>
            Publish($"mention:{objectId}", "mention", author, objectId, at, postId, communityId, [FeedKey.Notification(m)]));

    /// <summary>A reply notifies the comment it answers; any comment notifies the post's author; nobody is notified of their own words.</summary>
    private static IEnumerable<FeedChange> CommentNotifications(CommentAdded c)
    {
        if (c.ParentAuthorId is { } parent && parent != c.AuthorId)
            yield return Publish($"comment:{c.CommentId}", "reply", c.AuthorId, c.CommentId, c.AddedAt, c.PostId, c.CommunityId, [FeedKey.Notification(parent)]);
        if (c.PostAuthorId != c.AuthorId && c.PostAuthorId != c.ParentAuthorId)
            yield return Publish($"comment:{c.CommentId}", "comment", c.AuthorId, c.CommentId, c.AddedAt, c.PostId, c.CommunityId, [FeedKey.Notification(c.PostAuthorId)]);
    }

    /// <summary>
    /// A decision tells its reporters (report_resolved) and, unless the reports were dismissed, the author (moderation, with the
    /// action and reason on the case). The object is the case, never the content, so a hidden post does not hide the notice.
    /// </summary>
    private static IEnumerable<FeedChange> ModerationNotifications(ReportsResolved r)
    {
        var moment = r.ResolvedAt.ToUnixTimeMilliseconds();
        foreach (var reporter in r.Reporters)
            yield return Publish($"report_resolved:{r.CaseId}:{reporter}:{moment}", "report_resolved", r.ResolvedBy, r.CaseId, r.ResolvedAt, null, r.CommunityId,
                [FeedKey.Notification(reporter)]);
        if (r.Action != ModerationAction.Dismiss)
            yield return Publish($"moderation:{r.CaseId}:{moment}", "moderation", r.ResolvedBy, r.CaseId, r.ResolvedAt, null, r.CommunityId,
                [FeedKey.Notification(r.AuthorId)]);
    }

    /// <summary>A reply on a support ticket tells the other side: the customer, and the assigned staff member; never its author.</summary>
    private static IEnumerable<FeedChange> TicketNotifications(TicketReplied t) =>
        new[] { t.CustomerId, t.AssigneeId }.OfType<Guid>().Where(u => u != t.AuthorId).Distinct().Select(u =>
            Publish($"ticket_reply:{t.ReplyId}", "ticket_reply", t.AuthorId, t.TicketId, t.RepliedAt, null, null, [FeedKey.Notification(u)]));

    /// <summary>The author the reaction notified: on the reaction's own stream, whatever became of the post or comment since.</summary>
    private static async Task<Guid> TargetAuthor(IEvent e, IQuerySession reads, CancellationToken cancellation) =>
        (await StreamHistories.Before(reads, e, cancellation)).Select(x => x.Data).OfType<Reacted>().Last().TargetAuthorId;

    /// <summary>A paid purchase or renewal tells the product's creator (the purchase stream opens with who sold what to whom).</summary>
    private static async Task<IReadOnlyList<FeedChange>> Sale(IEvent e, PaymentSucceeded p, IQuerySession reads, CancellationToken cancellation)
    {
        var opened = (await StreamHistories.Before(reads, e, cancellation))[0].Data;
        var (creator, buyer, product, community) = opened switch
        {
            CheckoutStarted c => (c.CreatorId, c.BuyerId, c.ProductId, c.CommunityId),
            RenewalBilled r => (r.CreatorId, r.BuyerId, r.ProductId, r.CommunityId),
            _ => throw new InvalidOperationException($"Purchase {p.PurchaseId} opens with {opened.GetType().Name}."),
        };
        return [Publish($"purchase:{p.PurchaseId}", "purchase", buyer, product, p.PaidAt, null, community, [FeedKey.Notification(creator)])];
    }

    /// <summary>A payout that reached the bank, or failed or came back (the money is owed again), tells its creator.</summary>
    private static async Task<IReadOnlyList<FeedChange>> PayoutSettled(IEvent e, Guid payoutId, string verb, DateTimeOffset at, IQuerySession reads,
        CancellationToken cancellation)
    {
        var created = (PayoutCreated)(await StreamHistories.Before(reads, e, cancellation))[0].Data;
        return [Publish($"{verb}:{payoutId}", verb, created.CreatorId, payoutId, at, null, null, [FeedKey.Notification(created.CreatorId)])];
    }

    /// <summary>
    /// The lessons this publish releases for the first time (from the course's own stream up to this event) go to the
    /// course feed, and to the notifications of everyone enrolled at that moment.
    /// </summary>
    private static async Task<IReadOnlyList<FeedChange>> LessonAnnouncements(IEvent e, CoursePublished p, IQuerySession reads, CancellationToken cancellation)
    {
        var history = await StreamHistories.Before(reads, e, cancellation);
        var draft = new List<Guid>();
        var released = new HashSet<Guid>();
        foreach (var earlier in history)
        {
            if (earlier.Data is LessonAdded added) draft.Add(added.LessonId);
            if (earlier.Data is CoursePublished) released.UnionWith(draft);
        }
        var fresh = draft.Where(l => !released.Contains(l)).ToList();
        if (fresh.Count == 0) return [];
        var communityId = history[0].Data is CourseCreated created ? created.CommunityId : (Guid?)null;
        FeedKey[] feeds = [FeedKey.Course(p.CourseId), .. (await CourseLearners.At(reads, e, p, cancellation)).Select(FeedKey.Notification)];
        return fresh.Select(lesson => (FeedChange)Publish($"lesson:{lesson}", "lesson", p.PublishedBy, lesson, p.PublishedAt, null, communityId, feeds)).ToList();
    }
}

/// <summary>
/// The embedded feeds: an async projection from the social and course events through <see cref="FeedActivities"/>
/// into <see cref="FeedEntry"/> and <see cref="FeedFollow"/> documents. Rebuilding it replays history into the same feeds.
/// </summary>
public sealed class FeedProjection : EventProjection
{
    private readonly TimeProvider clock;

    public FeedProjection(TimeProvider clock)
    {
        this.clock = clock;
        foreach (var type in FeedActivities.Sources.Concat(CourseLearners.Sources)) IncludeType(type);
        Options.DeleteViewTypeOnTeardown(typeof(FeedEntry));
        Options.DeleteViewTypeOnTeardown(typeof(FeedFollow));
        Options.DeleteViewTypeOnTeardown(typeof(CourseLearner));
    }

    /// <summary>Live subscribers hear of fresh activities only: a rebuild replaying history rings nobody.</summary>
    private static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The page's stream histories in one query (<see cref="StreamHistories"/>), not one per sale, payout or unreaction; and the
    /// rosters its lesson announcements notify (<see cref="CourseLearners"/>).
    /// </summary>
    public override async Task EnrichEventsAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        await StreamHistories.Read(session, events.Where(e => FeedActivities.ReadsItsStream(e.Data)), cancellation);
        await CourseLearners.Read(session, events, cancellation);
    }

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        CourseLearners.Apply(operations, e.Data);
        var changes = await FeedActivities.For(e, operations, cancellation);
        await changes.ApplyTo(new EmbeddedFeeds(operations), cancellation);
        if (e.Timestamp < clock.GetUtcNow() - LiveWindow) return;
        // Queued in the projection's own transaction: subscribers hear of an item only once the feed holds it.
        foreach (var payload in FeedNotice.Payloads(changes))
            operations.QueueSqlCommand("select pg_notify(?, ?)", Contracts.LiveChannel.Name, payload);
    }
}
