using GraphQL;
using GraphQL.Types;
using JasperFx.Events;
using Marten;
using Npgsql;
using Platform.Api.Audit.Graph;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Communities;
using Platform.Contracts.Moderation;
using Platform.Contracts.Social;

namespace Platform.Api.Moderation;

/// <summary>
/// A community's moderation log: the audit trail's entries (actor, correlation, source) of every moderation event of the community,
/// across its case streams and its members' and posts' streams, oldest first.
/// </summary>
public static class ModerationLogQuery
{
    /// <summary>Reports are not actions; a post deleted by its own author is not moderation.</summary>
    private static readonly string[] EventTypes = [.. new[]
    {
        typeof(ContentHidden), typeof(ReportsResolved), typeof(ContentRestored), typeof(ModerationAppealed), typeof(MemberBanned), typeof(MemberUnbanned),
        typeof(PostDeleted),
    }.Select(t => t.GetEventTypeName())];

    private const string Sql = """
        select seq_id from platform.mt_events
        where type = any(@types) and data ->> 'CommunityId' = @community and seq_id > @after
          and (type <> @post_deleted or data ->> 'DeletedBy' <> data ->> 'AuthorId')
        order by seq_id limit @limit
        """;

    public static void AddModerationLog(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<AuditEntryGraphType, IEvent>>>("moderationLog")
            .Description("Every moderation action in the community, oldest first: hides (automatic ones too), decisions, restores, appeals, bans and unbans, deletions by staff; each with its actor, reason (in data) and source.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var first = Cursor.PageSize(c.GetArgument<int?>("first"));
                await using var command = c.RequestServices!.GetRequiredService<NpgsqlDataSource>().CreateCommand(Sql);
                command.Parameters.AddWithValue("types", EventTypes);
                command.Parameters.AddWithValue("community", c.IdArgument("communityId").ToString());
                command.Parameters.AddWithValue("after", Cursor.Decode(c.GetArgument<string?>("after")) ?? 0);
                command.Parameters.AddWithValue("post_deleted", typeof(PostDeleted).GetEventTypeName());
                command.Parameters.AddWithValue("limit", first + 1);
                var sequences = new List<long>();
                await using (var reader = await command.ExecuteReaderAsync(c.CancellationToken))
                    while (await reader.ReadAsync(c.CancellationToken)) sequences.Add(reader.GetInt64(0));
                var events = sequences.Count == 0 ? [] : await c.Reads().Events.QueryAllRawEvents()
                    .Where(e => sequences.Contains(e.Sequence)).OrderBy(e => e.Sequence).ToListAsync(c.CancellationToken);
                return Page<IEvent>.From(events, first, e => e.Sequence);
            });
}
