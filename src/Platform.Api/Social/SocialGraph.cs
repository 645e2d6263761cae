using System.Reactive.Linq;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Live;
using Platform.Contracts.Social;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

public sealed record ReactionCount(ReactionKind Kind, int Count, bool ViewerReacted);

public sealed record NotificationState(DateTimeOffset? ReadUpTo, int UnreadCount);

/// <summary>A post's active reactions for one request, loaded once for the post and all its comments (no N+1).</summary>
public sealed class ReactionLookup(IQuerySession reads, Caller caller)
{
    private readonly Dictionary<Guid, IReadOnlyList<ReactionView>> byPost = [];

    public async Task<IReadOnlyList<ReactionCount>> For(Guid postId, Guid targetId, CancellationToken cancellation)
    {
        if (!byPost.TryGetValue(postId, out var reactions))
            byPost[postId] = reactions = await reads.Query<ReactionView>().Where(r => r.PostId == postId && r.Active).ToListAsync(cancellation);
        return Enum.GetValues<ReactionKind>().Select(kind =>
        {
            var these = reactions.Where(r => r.TargetId == targetId && r.Kind == kind).ToList();
            return new ReactionCount(kind, these.Count, these.Any(r => r.UserId == caller.UserId));
        }).ToList();
    }
}

public sealed class ReactionCountGraphType : ObjectGraphType<ReactionCount>
{
    public ReactionCountGraphType()
    {
        Name = "ReactionCount";
        Field<NonNullGraphType<EnumerationGraphType<ReactionKind>>>("kind").Resolve(c => c.Source.Kind);
        Field(r => r.Count);
        Field(r => r.ViewerReacted).Description("Whether the caller reacted so.");
    }
}

public sealed class PostRevisionGraphType : ObjectGraphType<PostRevision>
{
    public PostRevisionGraphType()
    {
        Name = "PostRevision";
        Description = "An earlier version of a post's text.";
        Field(r => r.Title);
        Field(r => r.Body);
        Field(r => r.Category);
        Field<NonNullGraphType<IdGraphType>>("editedBy").Resolve(c => c.Source.EditedBy);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("replacedAt").Resolve(c => c.Source.At);
    }
}

public sealed class CommentGraphType : ObjectGraphType<(PostView Post, CommentView Comment)>
{
    public CommentGraphType()
    {
        Name = "Comment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Comment.Id);
        Field<NonNullGraphType<IdGraphType>>("postId").Resolve(c => c.Source.Post.Id);
        Field<IdGraphType>("parentCommentId").Resolve(c => c.Source.Comment.ParentId);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(c => c.Source.Comment.Body);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("addedAt").Resolve(c => c.Source.Comment.AddedAt);
        Field<UserGraphType>("author").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.Comment.AuthorId, c.CancellationToken));
        Engagement.Graph.MemberLevelGraphType.AddTo(this, "authorLevel", s => (s.Post.CommunityId, s.Comment.AuthorId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentGraphType>>>>("replies")
            .Resolve(c => c.Source.Post.Comments.Where(r => r.ParentId == c.Source.Comment.Id).Select(r => (c.Source.Post, r)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReactionCountGraphType>>>>("reactions").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<ReactionLookup>().For(c.Source.Post.Id, c.Source.Comment.Id, c.CancellationToken));
    }
}

public sealed class PostGraphType : ObjectGraphType<PostView>
{
    public PostGraphType()
    {
        Name = "Post";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field<IdGraphType>("courseId").Resolve(c => c.Source.CourseId);
        Field(p => p.Title);
        Field(p => p.Body).Description("Markdown.");
        Field(p => p.Category);
        Field(p => p.CreatedAt);
        Field(p => p.EditedAt, nullable: true);
        Field(p => p.DeletedAt, nullable: true).Description("Set only in the answer to deletePost: readers never see a deleted post.");
        Field<UserGraphType>("author").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.AuthorId, c.CancellationToken));
        Engagement.Graph.MemberLevelGraphType.AddTo(this, "authorLevel", p => (p.CommunityId, p.AuthorId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PostRevisionGraphType>>>>("revisions")
            .Description("Earlier versions of the text, oldest first.").Resolve(c => c.Source.Revisions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentGraphType>>>>("comments")
            .Description("Top-level comments, oldest first, each with its replies.")
            .ResolveAsync(async c =>
            {
                await c.RequestServices!.GetRequiredService<UserLookup>().Prime(c.Source.Comments.Select(x => x.AuthorId), c.CancellationToken);
                return c.Source.Comments.Where(x => x.ParentId is null).Select(x => (c.Source, x));
            });
        Field<NonNullGraphType<IntGraphType>>("commentCount").Resolve(c => c.Source.Comments.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReactionCountGraphType>>>>("reactions").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<ReactionLookup>().For(c.Source.Id, c.Source.Id, c.CancellationToken));
    }
}

public sealed class FeedItemGraphType : ObjectGraphType<FeedActivity>
{
    public FeedItemGraphType()
    {
        Name = "FeedItem";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The activity's stable id, such as post:{id} or reaction:{id}.").Resolve(c => c.Source.ForeignId);
        Field<NonNullGraphType<StringGraphType>>("verb").Description("post, comment, reply, react, mention, lesson, purchase, payout, level (a level reached) or unlock (a LEVEL course opened).").Resolve(c => c.Source.Verb);
        Field<NonNullGraphType<IdGraphType>>("actorId").Resolve(c => c.Source.ActorId);
        Field<UserGraphType>("actor").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.ActorId, c.CancellationToken));
        Field<NonNullGraphType<IdGraphType>>("objectId").Description("The post, comment or lesson the activity is about.").Resolve(c => c.Source.ObjectId);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("time").Resolve(c => c.Source.Time);
        Field<PostGraphType>("post").Description("The post the activity is about or in, unless it was deleted.").ResolveAsync(async c =>
            c.Source.PostId is { } postId && await c.Reads().LoadAsync<PostView>(postId, c.CancellationToken) is { IsDeleted: false } post ? post : null);
    }
}

public sealed class FollowGraphType : ObjectGraphType<FollowView>
{
    public FollowGraphType()
    {
        Name = "Follow";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("followerId").Resolve(c => c.Source.FollowerId);
        Field<NonNullGraphType<IdGraphType>>("targetId").Resolve(c => c.Source.TargetId);
        Field<NonNullGraphType<EnumerationGraphType<FollowTarget>>>("targetKind").Resolve(c => c.Source.Target);
        Field(f => f.Active);
        Field(f => f.ChangedAt);
    }
}

public sealed class NotificationStateGraphType : ObjectGraphType<NotificationState>
{
    public NotificationStateGraphType()
    {
        Name = "NotificationState";
        Field(n => n.ReadUpTo, nullable: true);
        Field(n => n.UnreadCount).Description($"Notifications after readUpTo, counted up to {SocialGraph.UnreadCap}.");
    }
}

public sealed class CreatePostInputGraphType : InputObjectGraphType
{
    public CreatePostInputGraphType()
    {
        Name = "CreatePostInput";
        Field<NonNullGraphType<IdGraphType>>("communityId");
        Field<IdGraphType>("courseId").Description("Ties the post to a course of the community: it shows in the COURSE feed too.");
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<StringGraphType>>("body").Description("Markdown; @handle mentions notify those people.");
        Field<StringGraphType>("category").Description($"Default '{Posts.DefaultCategory}'.");
    }
}

public sealed class EditPostInputGraphType : InputObjectGraphType
{
    public EditPostInputGraphType()
    {
        Name = "EditPostInput";
        Description = "Only the fields given change.";
        Field<StringGraphType>("title");
        Field<StringGraphType>("body");
        Field<StringGraphType>("category");
    }
}

public sealed class AddCommentInputGraphType : InputObjectGraphType
{
    public AddCommentInputGraphType()
    {
        Name = "AddCommentInput";
        Field<NonNullGraphType<StringGraphType>>("body");
        Field<IdGraphType>("parentCommentId").Description("Replies to a top-level comment of the post.");
    }
}

public static class SocialGraph
{
    public const int UnreadCap = 100;

    private static Guid? OptionalId(object? value) =>
        value is null ? null : Guid.TryParse(value.ToString(), out var id) ? id : throw DomainException.NotFound("The id");

    /// <summary>The post as committed: inline projections make it current as soon as the command returns.</summary>
    private static async Task<PostView> PostAfter(IResolveFieldContext context, Guid postId) =>
        await context.Reads().LoadAsync<PostView>(postId, context.CancellationToken) ?? throw DomainException.NotFound("The post");

    public static async Task<NotificationState> NotificationStateOf(IResolveFieldContext context)
    {
        var userId = context.UserId();
        var marker = await context.Reads().Events.AggregateStreamAsync<NotificationsMarker>(Contracts.DeterministicId.Notifications(userId), token: context.CancellationToken);
        var hidden = await SocialReads.HiddenCommunities(context.Reads(), context.Caller(), context.CancellationToken);
        var page = await context.RequestServices!.GetRequiredService<IFeeds>()
            .Read(FeedKey.Notification(userId), UnreadCap, null, hidden, context.CancellationToken);
        return new NotificationState(marker?.ReadUpTo, page.Items.Count(i => marker is null || i.Item.Time > marker.ReadUpTo));
    }

    public static void AddSocialQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<FeedItemGraphType, FeedActivity>>>("feed")
            .Description("One of the five feeds, newest first. Cursors stay valid while new items arrive.")
            .Argument<NonNullGraphType<EnumerationGraphType<FeedType>>>("type")
            .Argument<NonNullGraphType<IdGraphType>>("ownerId")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowOwn(SocialReads.FeedReader, SignedIn)
            .ResolveAsync(async c =>
            {
                var feed = SocialReads.Key(c.GetArgument<FeedType>("type"), c.IdArgument("ownerId"));
                var hidden = await SocialReads.HiddenCommunities(c.Reads(), c.Caller(), c.CancellationToken);
                try
                {
                    var page = await c.RequestServices!.GetRequiredService<IFeeds>()
                        .Read(feed, Cursor.PageSize(c.GetArgument<int?>("first")), c.GetArgument<string?>("after"), hidden, c.CancellationToken);
                    await c.RequestServices!.GetRequiredService<UserLookup>().Prime(page.Items.Select(i => i.Item.ActorId), c.CancellationToken);
                    return new Page<FeedActivity>(page.Items, page.HasMore);
                }
                catch (InvalidFeedCursor e)
                {
                    throw DomainException.Invalid(e.Message);
                }
            });

        query.Field<PostGraphType>("post")
            .Description("A post with its comments and replies, reaction counts and whether the caller reacted.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowOwn(SocialReads.OnPost("id", write: false), SignedIn)
            .ResolveAsync(async c => await PostAfter(c, c.IdArgument("id")));
    }

    public static void AddSocialMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PostGraphType>>("createPost")
            .Argument<NonNullGraphType<CreatePostInputGraphType>>("input")
            .AllowOwn(SocialReads.PostingMember, SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var command = new CreatePost(Guid.CreateVersion7(), OptionalId(input["communityId"])!.Value, OptionalId(input.GetValueOrDefault("courseId")),
                    (string)input["title"]!, (string)input["body"]!, input.GetValueOrDefault("category") as string, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await PostAfter(c, command.PostId);
            });

        mutation.Field<NonNullGraphType<PostGraphType>>("editPost")
            .Argument<NonNullGraphType<IdGraphType>>("postId")
            .Argument<NonNullGraphType<EditPostInputGraphType>>("input")
            .AllowOwn(SocialReads.PostAuthor(orStaff: false), SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var postId = c.IdArgument("postId");
                await c.Commands().InvokeAsync(new EditPost(postId, input.GetValueOrDefault("title") as string, input.GetValueOrDefault("body") as string,
                    input.GetValueOrDefault("category") as string, c.UserId()), c.CancellationToken);
                return await PostAfter(c, postId);
            });

        mutation.Field<NonNullGraphType<PostGraphType>>("deletePost")
            .Description("Soft-deletes a post: the author, or the community's creator or a moderator (who must give a reason).")
            .Argument<NonNullGraphType<IdGraphType>>("postId")
            .Argument<StringGraphType>("reason")
            .AllowOwn(SocialReads.PostAuthor(orStaff: true), SignedIn)
            .ResolveAsync(async c =>
            {
                var postId = c.IdArgument("postId");
                await c.Commands().InvokeAsync(new DeletePost(postId, c.GetArgument<string?>("reason"), c.UserId()), c.CancellationToken);
                return await PostAfter(c, postId);
            });

        mutation.Field<NonNullGraphType<CommentGraphType>>("addComment")
            .Argument<NonNullGraphType<IdGraphType>>("postId")
            .Argument<NonNullGraphType<AddCommentInputGraphType>>("input")
            .AllowOwn(SocialReads.OnPost("postId", write: true), SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var command = new AddComment(c.IdArgument("postId"), Guid.CreateVersion7(), OptionalId(input.GetValueOrDefault("parentCommentId")),
                    (string)input["body"]!, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                var post = await PostAfter(c, command.PostId);
                return (post, post.Comments.Single(x => x.Id == command.CommentId));
            });

        foreach (var (name, react) in new[] { ("react", true), ("unreact", false) })
        {
            mutation.Field<NonNullGraphType<PostGraphType>>(name)
                .Description("Answers with the post holding the target, its counts current.")
                .Argument<NonNullGraphType<IdGraphType>>("targetId")
                .Argument<NonNullGraphType<EnumerationGraphType<ReactionKind>>>("kind")
                .AllowOwn(SocialReads.OnPost("targetId", write: true), SignedIn)
                .ResolveAsync(async c =>
                {
                    var (targetId, kind) = (c.IdArgument("targetId"), c.GetArgument<ReactionKind>("kind"));
                    object command = react ? new React(targetId, kind, c.UserId()) : new Unreact(targetId, kind, c.UserId());
                    await c.Commands().InvokeAsync(command, c.CancellationToken);
                    return await SocialReads.PostHolding(c.Reads(), targetId, c.CancellationToken);
                });
        }

        foreach (var (name, follow) in new[] { ("follow", true), ("unfollow", false) })
        {
            mutation.Field<NonNullGraphType<FollowGraphType>>(name)
                .Description("Follows a user or a community: their posts come into the caller's TIMELINE.")
                .Argument<NonNullGraphType<IdGraphType>>("targetId")
                .Allow(SignedIn)
                .ResolveAsync(async c =>
                {
                    var targetId = c.IdArgument("targetId");
                    object command = follow ? new Follow(targetId, c.UserId()) : new Unfollow(targetId, c.UserId());
                    await c.Commands().InvokeAsync(command, c.CancellationToken);
                    return await c.Reads().LoadAsync<FollowView>(Contracts.DeterministicId.Follow(c.UserId(), targetId), c.CancellationToken);
                });
        }

        mutation.Field<NonNullGraphType<NotificationStateGraphType>>("markNotificationsRead")
            .Description("Marks the caller's notifications up to a moment (default: now) as read.")
            .Argument<DateTimeOffsetGraphType>("upTo")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                await c.Commands().InvokeAsync(new MarkNotificationsRead(c.UserId(), c.GetArgument<DateTimeOffset?>("upTo")), c.CancellationToken);
                return await NotificationStateOf(c);
            });
    }

    public static void AddSocialSubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<PostGraphType>>("postAdded")
            .Description("Each new post in the community.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .AllowOwn(SocialReads.CommunityReader, SignedIn)
            .ResolveStream(c =>
            {
                var communityId = c.IdArgument("communityId");
                var store = c.RequestServices!.GetRequiredService<IDocumentStore>();
                return c.RequestServices!.GetRequiredService<LiveEvents>().Of<PostAdded>()
                    .Where(p => p.CommunityId == communityId)
                    .SelectMany(async p =>
                    {
                        await using var reads = store.QuerySession();
                        return await reads.LoadAsync<PostView>(p.PostId);
                    })
                    .Where(p => p is { IsDeleted: false })
                    .Select(p => (object?)p);
            });

        subscription.Field<NonNullGraphType<FeedItemGraphType>>("notificationAdded")
            .Description("Each new item of the caller's NOTIFICATION feed, once the feed holds it.")
            .Allow(SignedIn)
            .ResolveStreamAsync(async c => await FeedStream(c, [FeedKey.Notification(c.UserId()).ToString()]));

        subscription.Field<NonNullGraphType<FeedItemGraphType>>("feedUpdated")
            .Description("Each new item of the feed, once the feed holds it; for a TIMELINE, of the feeds followed when subscribing.")
            .Argument<NonNullGraphType<EnumerationGraphType<FeedType>>>("type")
            .Argument<NonNullGraphType<IdGraphType>>("ownerId")
            .AllowOwn(SocialReads.FeedReader, SignedIn)
            .ResolveStreamAsync(async c =>
            {
                var (type, ownerId) = (c.GetArgument<FeedType>("type"), c.IdArgument("ownerId"));
                if (type != FeedType.Timeline) return await FeedStream(c, [SocialReads.Key(type, ownerId).ToString()]);
                var follows = await c.Reads().Query<FollowView>().Where(f => f.FollowerId == ownerId && f.Active).ToListAsync(c.CancellationToken);
                return await FeedStream(c, follows.Select(f => (f.Target == FollowTarget.User ? FeedKey.User(f.TargetId) : FeedKey.Community(f.TargetId)).ToString()).ToHashSet());
            });
    }

    /// <summary>Items landing in any of <paramref name="feeds"/>, without those of communities hidden from the subscriber.</summary>
    private static async Task<IObservable<object?>> FeedStream(IResolveFieldContext context, HashSet<string> feeds)
    {
        var hidden = await SocialReads.HiddenCommunities(context.Reads(), context.Caller(), context.CancellationToken);
        return context.RequestServices!.GetRequiredService<LiveEvents>().Of<FeedNotice>()
            .Where(n => feeds.Contains(n.Feed) && !(n.Activity.CommunityId is { } c && hidden.Contains(c)))
            .Select(n => (object?)n.Activity);
    }
}
