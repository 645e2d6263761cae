using System.Text;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Projections.Chat;

namespace Platform.Api.Chat;

/// <summary>
/// Reads of a conversation's messages, both on the (conversation_id, sent_at, id) index: a page is a keyset range
/// newest first and an unread count stops at <see cref="UnreadCap"/>, so neither grows with the conversation's length.
/// </summary>
public static class ChatReads
{
    public const int UnreadCap = 100;

    private static string Table(IQuerySession reads) => reads.DocumentStore.Options.FindOrResolveDocumentType(typeof(ChatMessage)).TableName.QualifiedName;

    /// <summary>The SQL of one page, shared by the reader and the test that checks its plan.</summary>
    public static string PageSql(IQuerySession reads) =>
        $"select data from {Table(reads)} where conversation_id = ? and (sent_at, id) < (?, ?) order by sent_at desc, id desc limit ?";

    public static async Task<Page<ChatMessage>> NewestFirst(IQuerySession reads, Guid conversationId, int first, string? after, CancellationToken cancellation)
    {
        var (time, id) = Decode(after);
        var rows = await reads.QueryAsync<ChatMessage>(PageSql(reads), cancellation, conversationId, time, id, first + 1);
        return new Page<ChatMessage>(rows.Take(first).Select(m => (Encode(m), m)).ToList(), rows.Count > first);
    }

    /// <summary>Messages by others after <paramref name="since"/>, not deleted, counted up to the cap.</summary>
    public static async Task<int> Unread(IQuerySession reads, Guid conversationId, Guid userId, DateTimeOffset? since, CancellationToken cancellation)
    {
        var counts = await reads.AdvancedSql.QueryAsync<int>(
            $"""
             select count(*)::int from (
                 select 1 from {Table(reads)} where conversation_id = ? and sent_at > ?
                   and data ->> 'SenderId' <> ? and data ->> 'DeletedAt' is null
                 limit {UnreadCap}) unread
             """, cancellation, conversationId, since ?? DateTimeOffset.MinValue.ToUniversalTime(), userId.ToString());
        return counts[0];
    }

    // Microseconds, as PostgreSQL keeps them: a cursor names exactly the row it was made from.
    private static string Encode(ChatMessage m) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"m:{m.SentAt.UtcTicks / 10}:{m.Id}"));

    private static (DateTimeOffset Time, Guid Id) Decode(string? cursor)
    {
        if (cursor is null) return (DateTimeOffset.MaxValue.ToUniversalTime(), Guid.Empty);
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts is ["m", var micros, var id] && long.TryParse(micros, out var value) && Guid.TryParse(id, out var messageId))
                return (new DateTimeOffset(value * 10, TimeSpan.Zero), messageId);
        }
        catch (FormatException) { }
        throw DomainException.Invalid("The cursor is not valid.");
    }
}
