using System.Reactive.Linq;
using GraphQL.Types;
using Marten;
using Platform.Api.Chat.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Live;
using Platform.Projections.Chat;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Chat;

/// <summary>A message was sent: ids only on the wire (a body could pass NOTIFY's 8000 bytes); subscribers load the message.</summary>
public sealed record MessageAdded(Guid MessageId, Guid ConversationId)
{
    public static MessageAdded From(Contracts.Chat.MessageSent e) => new(e.MessageId, e.ConversationId);
}

public static class MessageAddedSubscription
{
    public static void AddMessageAdded(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<MessageGraphType>>("messageAdded")
            .Description("Each new message in the conversation, sent through any API node.")
            .Argument<NonNullGraphType<IdGraphType>>("conversationId")
            .AllowOwn(ChatAccess.Participant("conversationId"), SignedIn)
            .ResolveStream(c =>
            {
                var conversationId = c.IdArgument("conversationId");
                var store = c.RequestServices!.GetRequiredService<IDocumentStore>();
                return c.RequestServices!.GetRequiredService<LiveEvents>().Of<MessageAdded>()
                    .Where(m => m.ConversationId == conversationId)
                    .SelectMany(async m =>
                    {
                        // The message document is written in the same transaction whose commit sent the notification.
                        await using var reads = store.QuerySession();
                        return await reads.LoadAsync<ChatMessage>(m.MessageId);
                    })
                    .Where(m => m is not null)
                    .Select(m => (object?)m);
            });
}
