using Platform.Api.Communities;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Engagement.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Engagement;
using Platform.Projections.Engagement;

namespace Platform.Api.Engagement;

public sealed record RevokePointsFrom(Guid CommunityId, Guid LikerId, string Reason, Guid RevokedBy)
{
    public const int MaxReason = 200;

    /// <summary>Pure: a reason of 1 to 200 characters is required; the withdrawal itself is the projection's.</summary>
    public LikerPointsRevoked Decide(DateTimeOffset now) =>
        Reason.Trim() is { Length: > 0 and <= MaxReason } reason
            ? new LikerPointsRevoked(CommunityId, LikerId, reason, RevokedBy, now)
            : throw DomainException.Invalid($"Give a reason of 1 to {MaxReason} characters.");
}

/// <summary>
/// <c>revokePointsFrom(communityId, likerId, reason)</c>: every point one liker's likes gave so far is withdrawn (the lines stay,
/// saying why). Later likes count again; levels already reached stay reached.
/// </summary>
public static class RevokePointsFromHandler
{
    public static void AddRevokePointsFrom(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PointEntryGraphType>>>>("revokePointsFrom")
            .Description("Withdraws the points one liker's likes gave in the community so far; answers with those lines.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<IdGraphType>>("likerId")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var command = new RevokePointsFrom(c.IdArgument("communityId"), c.IdArgument("likerId"), c.GetArgument<string>("reason"), c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await PointsGrantedByQuery.Read(c.Reads(), command.CommunityId, command.LikerId, Cursor.MaxPageSize, c.CancellationToken);
            });

    public static async Task Handle(RevokePointsFrom command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<PointRulesView>(EngagementIds.Rules(command.CommunityId), cancellation);
        stream.AppendOne(command.Decide(clock.GetUtcNow()));
    }
}
