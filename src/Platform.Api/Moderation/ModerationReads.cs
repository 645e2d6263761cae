using GraphQL;
using Marten;
using Marten.Services.BatchQuerying;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Communities;
using Platform.Api.Social;
using Platform.Contracts.Chat;
using Platform.Contracts.Moderation;
using Platform.Projections.Admin;
using Platform.Projections.Chat;
using Platform.Projections.Identity;
using Platform.Projections.Moderation;
using Platform.Projections.Social;

namespace Platform.Api.Moderation;

/// <summary>What the module's fields, and other modules, read: report targets, cases, and which content is hidden.</summary>
public static class ModerationReads
{
    /// <summary>
    /// A post, a comment (found through its post), a membership, or a message in a community's channel; null when none has that id,
    /// the post or message is deleted, or the message is in a direct or group conversation (those have no community whose
    /// moderators could decide: the reader blocks the sender instead).
    /// </summary>
    public static async Task<ModerationTarget?> TargetOf(IQuerySession reads, Guid id, CancellationToken cancellation)
    {
        if (await SocialReads.PostHolding(reads, id, cancellation) is { IsDeleted: false } post)
        {
            if (post.Id == id) return new(id, ModerationTargetKind.Post, post.CommunityId, post.Id, post.AuthorId, $"{post.Title}\n\n{post.Body}");
            // A comment removed since (an erased member's, where the community removes them) is no target any more.
            return post.Comments.FirstOrDefault(c => c.Id == id) is { } comment
                ? new(id, ModerationTargetKind.Comment, post.CommunityId, post.Id, comment.AuthorId, comment.Body)
                : null;
        }
        if (await reads.Events.AggregateStreamAsync<Membership>(id, token: cancellation) is { } membership)
        {
            var member = await reads.LoadAsync<UserAccount>(membership.UserId, cancellation);
            return new(id, ModerationTargetKind.Member, membership.CommunityId, null, membership.UserId,
                member is null ? "" : $"{member.DisplayName} (@{member.Handle})\n\n{member.Bio}");
        }
        if (await reads.LoadAsync<ChatMessage>(id, cancellation) is { DeletedAt: null } message
            && await reads.LoadAsync<ConversationView>(message.ConversationId, cancellation) is { Kind: ConversationKind.Community, CommunityId: { } communityId })
            return new(id, ModerationTargetKind.Message, communityId, null, message.SenderId, message.Body);
        return null;
    }

    public static Task<ModerationCaseView?> CaseOfReport(IQuerySession reads, Guid reportId, CancellationToken cancellation) =>
        reads.Query<ModerationCaseView>().FirstOrDefaultAsync(c => c.ReportIds.Contains(reportId), cancellation);

    public static Task<ModerationCaseView?> CaseOfTarget(IQuerySession reads, Guid targetId, CancellationToken cancellation) =>
        reads.LoadAsync<ModerationCaseView>(Contracts.DeterministicId.ModerationCase(targetId), cancellation);

    /// <summary>Which of some posts, comments or channel messages moderators hid, and which of their authors are suspended.</summary>
    public sealed record Hiding(IReadOnlySet<Guid> Hidden, IReadOnlySet<Guid> Suspended)
    {
        public static readonly Hiding None = new(new HashSet<Guid>(), new HashSet<Guid>());

        public bool Hides(Guid id, Guid authorId) => Hidden.Contains(id) || Suspended.Contains(authorId);
    }

    /// <summary>The <see cref="Hiding"/> of some content and its authors, in one round trip.</summary>
    public static async Task<Hiding> HidingOf(IQuerySession reads, IEnumerable<Guid> ids, IEnumerable<Guid> authorIds, CancellationToken cancellation)
    {
        var batch = reads.CreateBatchQuery();
        var hiding = QueueHiding(batch, ids, authorIds);
        if (!hiding.IsCompleted) await batch.Execute(cancellation);
        return await hiding;
    }

    /// <summary>
    /// Queues both halves of <see cref="Hiding"/> on <paramref name="batch"/>, so a page pays one round trip for them (and none when it
    /// shows nothing); the task completes once the caller has executed the batch.
    /// </summary>
    public static Task<Hiding> QueueHiding(IBatchedQuery batch, IEnumerable<Guid> ids, IEnumerable<Guid> authorIds)
    {
        var wanted = ids.Distinct().ToArray();
        var authors = authorIds.Distinct().ToArray();
        if (wanted.Length == 0 && authors.Length == 0) return Task.FromResult(Hiding.None);
        var hidden = batch.Query<ModerationCaseView>().Where(c => c.Hidden && wanted.Contains(c.TargetId)).Select(c => c.TargetId).ToList();
        var suspended = batch.Query<UserSuspension>().Where(s => authors.Contains(s.Id)).Select(s => s.Id).ToList();
        return Collect(hidden, suspended);

        static async Task<Hiding> Collect(Task<IReadOnlyList<Guid>> hidden, Task<IReadOnlyList<Guid>> suspended) =>
            new((await hidden).ToHashSet(), (await suspended).ToHashSet());
    }

    /// <summary>Distinct reporters that hide a post or comment in the community: its creator's choice, else the platform's default.</summary>
    public static async Task<int> AutoHideThreshold(IQuerySession reads, Guid communityId, ModerationOptions options, CancellationToken cancellation) =>
        (await reads.LoadAsync<ModerationSettings>(communityId, cancellation))?.AutoHideThreshold ?? options.AutoHideThreshold;

    /// <summary>Reports waiting for a decision in a community (for dashboards and analytics).</summary>
    public static Task<int> OpenReportCount(IQuerySession reads, Guid communityId, CancellationToken cancellation) =>
        OpenReportCount(reads, [communityId], cancellation);

    /// <summary>Reports waiting for a decision in any of the communities, in one query.</summary>
    public static Task<int> OpenReportCount(IQuerySession reads, IReadOnlyCollection<Guid> communityIds, CancellationToken cancellation)
    {
        var ids = communityIds.ToArray();
        return reads.Query<ModerationCaseView>().Where(c => c.CommunityId.IsOneOf(ids) && c.OpenReports > 0).SumAsync(c => c.OpenReports, cancellation);
    }

    /// <summary>Those of <paramref name="items"/> (posts, comments or channel messages, with their authors) hidden from the caller: hidden by a
    /// moderator, or by a suspended author. None for the community's staff and admins.</summary>
    public static async Task<IReadOnlySet<Guid>> HiddenFrom(IResolveFieldContext context, Guid communityId, IEnumerable<(Guid Id, Guid AuthorId)> items)
    {
        if (SeesHidden(context.Caller().Account, communityId)) return new HashSet<Guid>();
        var list = items.ToList();
        var hiding = await HidingOf(context.Reads(), list.Select(i => i.Id), list.Select(i => i.AuthorId), context.CancellationToken);
        return list.Where(i => hiding.Hides(i.Id, i.AuthorId)).Select(i => i.Id).ToHashSet();
    }

    /// <summary>Queues the <see cref="Hiding"/> of feed items: their objects and posts, and their actors.</summary>
    public static Task<Hiding> QueueHiding(IBatchedQuery batch, IReadOnlyList<(string Cursor, FeedActivity Item)> items) =>
        QueueHiding(batch, items.SelectMany(i => new[] { i.Item.ObjectId, i.Item.PostId ?? i.Item.ObjectId }), items.Select(i => i.Item.ActorId));

    /// <summary>Feed items without those whose post or object is hidden from the caller, or whose actor is suspended (staff of the
    /// item's community see them).</summary>
    public static IReadOnlyList<(string Cursor, FeedActivity Item)> VisibleFeedItems(UserAccount? caller, IReadOnlyList<(string Cursor, FeedActivity Item)> items,
        Hiding hiding)
    {
        if (hiding.Hidden.Count == 0 && hiding.Suspended.Count == 0) return items;
        return items.Where(i => !(hiding.Hides(i.Item.ObjectId, i.Item.ActorId) || i.Item.PostId is { } p && hiding.Hidden.Contains(p))
                                || i.Item.CommunityId is { } c && SeesHidden(caller, c)).ToList();
    }

    /// <summary>Whether the caller sees what moderators hid in this community: its staff and admins.</summary>
    public static bool SeesHidden(UserAccount? account, Guid communityId) =>
        CommunitiesAccess.IsStaff(account, communityId) || account?.Holds(Contracts.Identity.Role.Admin) == true;
}
