using GraphQL;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Courses;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Social.Graph;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Api.Social;

/// <summary>
/// Who may read what of the social graph. A public community's posts, comments and feeds are open to anyone signed in;
/// a private community's only from inside (<see cref="CommunitiesAccess.IsInside(IQuerySession, Platform.Projections.Identity.UserAccount?, Guid?, CancellationToken)"/>).
/// Writing always takes being inside.
/// </summary>
public static class SocialAccess
{
    /// <summary>The private communities whose content the caller may not see: feeds leave their items out.</summary>
    public static async Task<IReadOnlyCollection<Guid>> HiddenCommunities(IQuerySession reads, Caller caller, CancellationToken cancellation)
    {
        var privateOnes = await reads.Query<CommunityCard>().Where(c => c.Visibility == CommunityVisibility.Private).Select(c => c.Id).ToListAsync(cancellation);
        if (privateOnes.Count == 0) return [];
        var userId = caller.UserId ?? Guid.Empty;
        var inside = (await reads.Query<MembershipView>().Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
            .Select(m => m.CommunityId).ToListAsync(cancellation)).ToHashSet();
        return HiddenCommunities(privateOnes, inside, caller);
    }

    /// <summary>The same from reads already made: the private communities and those the caller is an active member of.</summary>
    public static IReadOnlyCollection<Guid> HiddenCommunities(IEnumerable<Guid> privateOnes, IReadOnlySet<Guid> inside, Caller caller) =>
        [.. privateOnes.Where(id => !inside.Contains(id) && !CommunitiesAccess.IsStaff(caller.Account, id))];

    /// <summary>"Own" for <c>feed</c> and <c>feedUpdated</c>: anyone's USER feed (filtered to what the caller may see), a readable
    /// community's or course's feed, and only the caller's own TIMELINE and NOTIFICATION feeds.</summary>
    public static readonly Ownership FeedReader = new(
        "USER: any user; COMMUNITY, COURSE: a public community or one the caller is inside; TIMELINE, NOTIFICATION: the caller's own",
        async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>("ownerId"), out var ownerId) || caller.UserId is not { } userId) return false;
            var reads = context.Reads();
            return context.GetArgument<FeedType>("type") switch
            {
                FeedType.User => true,
                FeedType.Community => await CommunitiesAccess.MayRead(reads, caller, ownerId, context.CancellationToken),
                FeedType.Course => await OutlineCache.Load(reads, ownerId, context.CancellationToken) is { } course
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
            var reads = context.Reads();
            return await SocialReads.PostHolding(reads, id, context.CancellationToken) is { IsDeleted: false } post
                   && (write
                       ? await CommunitiesAccess.IsInside(reads, caller.Account, post.CommunityId, context.CancellationToken)
                       : await CommunitiesAccess.MayRead(reads, caller, post.CommunityId, context.CancellationToken))
                   && (await Moderation.ModerationReads.HiddenFrom(context, post.CommunityId,
                       [(post.Id, post.AuthorId), (id, post.Comments.FirstOrDefault(x => x.Id == id)?.AuthorId ?? post.AuthorId)])).Count == 0;
        }, HideOthers: true);

    /// <summary>"Own" for <c>editPost</c> and <c>deletePost</c>: the author; for deleting, also the community's creator or a moderator.</summary>
    public static Ownership PostAuthor(bool orStaff) => new(
        orStaff ? "the post's author, or the creator or a moderator of its community" : "the post's author",
        async (context, caller) =>
            Guid.TryParse(context.GetArgument<string?>("postId"), out var id)
            && await context.Reads().LoadAsync<Platform.Projections.Social.PostView>(id, context.CancellationToken) is { IsDeleted: false } post
            && (post.AuthorId == caller.UserId || (orStaff && CommunitiesAccess.IsStaff(caller.Account, post.CommunityId))),
        HideOthers: true);

    /// <summary>"Own" for <c>createPost</c>: an active member, creator or moderator of <c>input.communityId</c>.</summary>
    public static readonly Ownership PostingMember = new("an active member, creator or moderator of the community in 'input.communityId'",
        async (context, caller) =>
            Guid.TryParse(context.GetArgument<CreatePostInput>("input").CommunityId, out var communityId)
            && await CommunitiesAccess.IsInside(context.Reads(), caller.Account, communityId, context.CancellationToken));

    /// <summary>"Own" for <c>postAdded</c>: the community's posts are readable by the caller.</summary>
    public static readonly Ownership CommunityReader = new("a public community, or one the caller is inside, in 'communityId'",
        async (context, caller) =>
            Guid.TryParse(context.GetArgument<string?>("communityId"), out var id)
            && await CommunitiesAccess.MayRead(context.Reads(), caller, id, context.CancellationToken));
}
