using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace Platform.Projections.Chat;

public static class ChatProjections
{
    /// <summary>All inline: a sender, a reader marking read and a blocker see the effect on their next request.</summary>
    public static StoreOptions AddChatProjections(this StoreOptions options)
    {
        options.Projections.Add<ConversationViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ConversationView>().Duplicate(c => c.LastActivityAt).Index(c => c.CommunityId!).GinIndexJsonData();
        options.Projections.Add<ChatMessageProjection>(ProjectionLifecycle.Inline);
        // The keyset of a conversation's pages (newest first) and of its unread count: one btree on real columns. The
        // time column's own index is a BRIN (tiny, for time ranges): a btree on time alone tempts the planner into walking
        // every conversation's newest messages, filtering, then sorting.
        options.Schema.For<ChatMessage>().Duplicate(m => m.ConversationId).Duplicate(m => m.SentAt, configure: index => index.Method = IndexMethod.brin)
            .Index([m => m.ConversationId, m => m.SentAt, m => m.Id], index => index.Name = ChatMessageIndex);
        options.Projections.Add<ConversationReadMarkerProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<BlockViewProjection>(ProjectionLifecycle.Inline);
        return options;
    }

    public const string ChatMessageIndex = "mt_doc_chatmessage_idx_conversation_time_id";
}
