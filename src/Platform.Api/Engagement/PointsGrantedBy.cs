using Platform.Api.Communities;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Engagement.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Projections.Engagement;

namespace Platform.Api.Engagement;

/// <summary><c>pointsGrantedBy(communityId, likerId, first)</c>: what one liker's likes earned others, withdrawn lines included (anti-farming).</summary>
public static class PointsGrantedByQuery
{
    public static void AddPointsGrantedBy(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PointEntryGraphType>>>>("pointsGrantedBy")
            .Description("The point lines one liker's likes gave in the community, newest first, withdrawn ones included.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<IdGraphType>>("likerId")
            .Argument<IntGraphType>("first", $"1 to {Cursor.MaxPageSize} (default {Cursor.DefaultPageSize}).")
            .AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .ResolveAsync(async c => await Read(c.Reads(), c.IdArgument("communityId"), c.IdArgument("likerId"),
                Cursor.PageSize(c.GetArgument<int?>("first")), c.CancellationToken));

    public static async Task<IReadOnlyList<PointEntry>> Read(IQuerySession reads, Guid communityId, Guid likerId, int first, CancellationToken cancellation) =>
        await reads.Query<PointEntry>().Where(e => e.CommunityId == communityId && e.FromUserId == likerId)
            .OrderByDescending(e => e.Sequence).Take(first).ToListAsync(cancellation);
}
