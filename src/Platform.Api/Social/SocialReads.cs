using GraphQL;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using Platform.Projections.Social;

namespace Platform.Api.Social;

public enum FeedType { User, Community, Timeline, Course, Notification }

/// <summary>
/// Who may read what of the social graph. A public community's posts, comments and feeds are open to anyone signed in;
/// a private community's only to its active members, creator and moderators. Writing always takes an active membership.
/// </summary>
public static class SocialReads
{
    public static async Task<PostView?> PostHolding(IQuerySession reads, Guid postOrCommentId, CancellationToken cancellation) =>
        await reads.LoadAsync<PostView>(postOrCommentId, cancellation)
        ?? await reads.Query<PostView>().FirstOrDefaultAsync(p => p.CommentIds.Contains(postOrCommentId), cancellation);

    /// <summary>The private communities whose content the caller may not see: feeds leave their items out.</summary>
    public static async Task<IReadOnlyCollection<Guid>> HiddenCommunities(IQuerySession reads, Caller caller, CancellationToken cancellation)
    {
        var privateOnes = await reads.Query<CommunityCard>().Where(c => c.Visibility == CommunityVisibility.Private).Select(c => c.Id).ToListAsync(cancellation);
        if (privateOnes.Count == 0) return [];
        var userId = caller.UserId ?? Guid.Empty;
        var inside = (await reads.Query<MembershipView>().Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
            .Select(m => m.CommunityId).ToListAsync(cancellation)).ToHashSet();
        return privateOnes.Where(id => !inside.Contains(id) && !caller.Holds(Role.Creator, id) && !caller.Holds(Role.Moderator, id)).ToList();
    }

    public static FeedKey Key(FeedType type, Guid ownerId) => type switch
    {
        FeedType.User => FeedKey.User(ownerId),
        FeedType.Community => FeedKey.Community(ownerId),
        FeedType.Timeline => FeedKey.Timeline(ownerId),
        FeedType.Course => FeedKey.Course(ownerId),
        _ => FeedKey.Notification(ownerId),
    };

    /// <summary>"Own" for <c>feed</c> and <c>feedUpdated</c>: anyone's USER feed (filtered to what the caller may see), a readable
    /// community's or course's feed, and only the caller's own TIMELINE and NOTIFICATION feeds.</summary>
    public static readonly Ownership FeedReader = new(
        "USER: any user; COMMUNITY, COURSE: a public community or one the caller is inside; TIMELINE, NOTIFICATION: the caller's own",
        async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>("ownerId"), out var ownerId) || caller.UserId is not { } userId) return false;
            var reads = context.RequestServices!.GetRequiredService<IQuerySession>();
            return context.GetArgument<FeedType>("type") switch
            {
                FeedType.User => true,
                FeedType.Community => await CommunitiesAccess.MayRead(reads, caller, ownerId, context.CancellationToken),
                FeedType.Course => await reads.LoadAsync<CourseOutline>(ownerId, context.CancellationToken) is { } course
                                   && await CommunitiesAccess.MayRead(reads, caller, course.CommunityId, context.CancellationToken),
                _ => ownerId == userId,
            };
        });

    /// <summary>"Own" for operations on a post or comment named by <paramref name="argument"/>: reading it, or taking part in its community.</summary>
    public static Ownership OnPost(string argument, bool write) => new(
        write ? $"an active member, creator or moderator of the community of the post or comment in '{argument}'"
              : $"the post in '{argument}' is in a public community or one the caller is inside",
        async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>(argument), out var id)) return false;
            var reads = context.RequestServices!.GetRequiredService<IQuerySession>();
            return await PostHolding(reads, id, context.CancellationToken) is { IsDeleted: false } post
                   && (write
                       ? await CommunitiesAccess.IsInside(reads, caller.Account, post.CommunityId, context.CancellationToken)
                       : await CommunitiesAccess.MayRead(reads, caller, post.CommunityId, context.CancellationToken));
        }, HideOthers: true);

    /// <summary>"Own" for <c>editPost</c> and <c>deletePost</c>: the author; for deleting, also the community's creator or a moderator.</summary>
    public static Ownership PostAuthor(bool orStaff) => new(
        orStaff ? "the post's author, or the creator or a moderator of its community" : "the post's author",
        async (context, caller) =>
            Guid.TryParse(context.GetArgument<string?>("postId"), out var id)
            && await context.RequestServices!.GetRequiredService<IQuerySession>().LoadAsync<PostView>(id, context.CancellationToken) is { IsDeleted: false } post
            && (post.AuthorId == caller.UserId || (orStaff && CommunitiesAccess.IsStaff(caller.Account, post.CommunityId))),
        HideOthers: true);

    /// <summary>"Own" for <c>createPost</c>: an active member, creator or moderator of <c>input.communityId</c>.</summary>
    public static readonly Ownership PostingMember = new("an active member, creator or moderator of the community in 'input.communityId'",
        async (context, caller) =>
            Guid.TryParse(context.GetArgument<Dictionary<string, object?>>("input").GetValueOrDefault("communityId")?.ToString(), out var communityId)
            && await CommunitiesAccess.IsInside(context.RequestServices!.GetRequiredService<IQuerySession>(), caller.Account, communityId, context.CancellationToken));

    /// <summary>"Own" for <c>postAdded</c>: the community's posts are readable by the caller.</summary>
    public static readonly Ownership CommunityReader = new("a public community, or one the caller is inside, in 'communityId'",
        async (context, caller) =>
            Guid.TryParse(context.GetArgument<string?>("communityId"), out var id)
            && await CommunitiesAccess.MayRead(context.RequestServices!.GetRequiredService<IQuerySession>(), caller, id, context.CancellationToken));
}
