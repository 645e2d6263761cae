using GraphQL;
using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

/// <summary>The module's queries: a feed page and a post.</summary>
public static class SocialQueries
{
    public static void AddFeedQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<FeedItemGraphType, FeedActivity>>>("feed")
            .Description("One of the five feeds, newest first. Cursors stay valid while new items arrive.")
            .Argument<NonNullGraphType<EnumerationGraphType<FeedType>>>("type")
            .Argument<NonNullGraphType<IdGraphType>>("ownerId")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowOwn(SocialAccess.FeedReader, SignedIn)
            .ResolveAsync(async c =>
            {
                var type = c.GetArgument<FeedType>("type");
                var feed = SocialReads.Key(type, c.IdArgument("ownerId"));
                // A community's or a course's feed holds that one community's items, which FeedReader has let the caller read:
                // only the feeds that gather items from many communities look the hidden ones up.
                var hidden = type is FeedType.Community or FeedType.Course
                    ? []
                    : await SocialAccess.HiddenCommunities(c.Reads(), c.Caller(), c.CancellationToken);
                try
                {
                    var page = await c.RequestServices!.GetRequiredService<IFeeds>()
                        .Read(feed, Cursor.PageSize(c.GetArgument<int?>("first")), c.GetArgument<string?>("after"), hidden, c.CancellationToken);
                    return new Page<FeedActivity>(await SocialReads.VisibleFeedPage(c, page.Items), page.HasMore);
                }
                catch (InvalidFeedCursor e)
                {
                    throw DomainException.Invalid(e.Message);
                }
            });

    public static void AddPostQuery(this ObjectGraphType query) =>
        query.Field<PostGraphType>("post")
            .Description("A post with its comments and replies, reaction counts and whether the caller reacted.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowOwn(SocialAccess.OnPost("id", write: false), SignedIn)
            .ResolveAsync(async c => await SocialReads.PostAfter(c, c.IdArgument("id")));
}
