using System.Reactive.Linq;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Live;
using Platform.Api.Social.Graph;
using Platform.Contracts.Social;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

/// <summary>The module's live fields: new posts of a community, and new feed items once a feed holds them.</summary>
public static class SocialSubscriptions
{
    public static void AddPostAdded(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<PostGraphType>>("postAdded")
            .Description("Each new post in the community.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .AllowOwn(SocialAccess.CommunityReader, SignedIn)
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

    public static void AddNotificationAdded(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<FeedItemGraphType>>("notificationAdded")
            .Description("Each new item of the caller's NOTIFICATION feed, once the feed holds it.")
            .Allow(SignedIn)
            .ResolveStreamAsync(async c => await SocialReads.FeedStream(c, [FeedKey.Notification(c.UserId()).ToString()]));

    public static void AddFeedUpdated(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<FeedItemGraphType>>("feedUpdated")
            .Description("Each new item of the feed, once the feed holds it; for a TIMELINE, of the feeds followed when subscribing.")
            .Argument<NonNullGraphType<EnumerationGraphType<FeedType>>>("type")
            .Argument<NonNullGraphType<IdGraphType>>("ownerId")
            .AllowOwn(SocialAccess.FeedReader, SignedIn)
            .ResolveStreamAsync(async c =>
            {
                var (type, ownerId) = (c.GetArgument<FeedType>("type"), c.IdArgument("ownerId"));
                if (type != FeedType.Timeline) return await SocialReads.FeedStream(c, [SocialReads.Key(type, ownerId).ToString()]);
                var follows = await c.Reads().Query<FollowView>().Where(f => f.FollowerId == ownerId && f.Active).ToListAsync(c.CancellationToken);
                var joined = await TimelineFollows.JoinedCommunities(c.Reads(), ownerId, c.CancellationToken);
                return await SocialReads.FeedStream(c,
                    [.. follows.Select(f => (f.Target == FollowTarget.User ? FeedKey.User(f.TargetId) : FeedKey.Community(f.TargetId)).ToString()),
                        .. joined.Select(j => FeedKey.Community(j).ToString())]);
            });
}
