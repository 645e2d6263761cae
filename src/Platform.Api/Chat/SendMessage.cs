using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Chat.Graph;
using Platform.Api.Communities;
using Platform.Api.Files;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Projections.Chat;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Chat;

/// <summary>Exactly one of the three names where the message goes.</summary>
public sealed record SendMessageInput(Guid? ConversationId, Guid? ToUserId, Guid? CommunityId, string Body, IReadOnlyList<Guid>? ImageFileIds = null);

public sealed class SendMessageInputGraphType : InputObjectGraphType<SendMessageInput>
{
    public SendMessageInputGraphType()
    {
        Name = "SendMessageInput";
        Description = "Give exactly one of conversationId, toUserId (a direct conversation, started on the first message) or communityId (its channel).";
        Field(i => i.ConversationId, type: typeof(IdGraphType));
        Field(i => i.ToUserId, type: typeof(IdGraphType));
        Field(i => i.CommunityId, type: typeof(IdGraphType));
        Field(i => i.Body).Description("Plain text.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("imageFileIds").Description("Up to 10 completed MESSAGE_IMAGE uploads.");
    }
}

public sealed record SendMessage(Guid MessageId, SendMessageInput Input, Guid SenderId);

public static class SendMessageHandler
{
    /// <summary>
    /// Finds or starts the conversation, then starts the message's own stream. Two people starting their direct
    /// conversation at the same moment both start the same stream id: the event store keeps one, and Wolverine retries
    /// the other, which then finds the conversation and only adds its message.
    /// </summary>
    public static async Task Handle(SendMessage command, IDocumentSession session, ChatOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var (input, sender, now) = (command.Input, command.SenderId, clock.GetUtcNow());
        Conversation conversation;
        if (input.ToUserId is { } toUserId)
        {
            var id = DeterministicId.DirectConversation(sender, toUserId);
            conversation = await session.Events.FetchLatest<Conversation>(id, cancellation) ?? Start(session,
                Conversations.StartDirect(sender, await ChatAccess.RelationTo(session, sender, toUserId, options.Reach, cancellation), now));
        }
        else if (input.CommunityId is { } communityId)
        {
            var community = await session.Events.FetchLatest<Community>(communityId, cancellation) ?? throw DomainException.NotFound("The community");
            conversation = await session.Events.FetchLatest<Conversation>(DeterministicId.CommunityChannel(communityId), cancellation)
                ?? Start(session, Conversations.StartChannel(communityId, community.Name, sender, now));
        }
        else
        {
            conversation = await session.Events.FetchLatest<Conversation>(input.ConversationId!.Value, cancellation) ?? throw DomainException.NotFound("The conversation");
        }
        var inside = conversation.CommunityId is { } channelOf && await ChatAccess.IsInside(session, channelOf, sender, cancellation);
        var blocked = conversation.Kind == Contracts.Chat.ConversationKind.Direct
            && await ChatAccess.Blocked(session, conversation.MemberIds[0], conversation.MemberIds[1], cancellation);
        session.Events.StartStream<Message>(command.MessageId,
            Conversations.Send(conversation, command.MessageId, sender, input.Body, inside, blocked, options.MaxMessageLength, now));
        await session.AttachFiles(input.ImageFileIds, Contracts.Files.FilePurpose.MessageImage, Contracts.Files.FileOwnerKind.Message, command.MessageId,
            conversation.CommunityId, sender, now, cancellation);
    }

    private static Conversation Start(IDocumentSession session, Contracts.Chat.ConversationStarted started)
    {
        session.Events.StartStream<Conversation>(started.ConversationId, started);
        return Conversation.Create(started);
    }
}

public static class SendMessageField
{
    public static void AddSendMessage(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MessageGraphType>>("sendMessage")
            .Description("Sends a message; with toUserId it starts the direct conversation on the first message, with communityId the channel.")
            .Argument<NonNullGraphType<SendMessageInputGraphType>>("input")
            .AllowOwn(ChatAccess.Sender, SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SendMessageInput>("input");
                if (new[] { input.ConversationId, input.ToUserId, input.CommunityId }.Count(x => x is not null) != 1)
                    throw DomainException.Invalid("Give exactly one of conversationId, toUserId and communityId.");
                var command = new SendMessage(Guid.CreateVersion7(), input, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await c.Reads().LoadAsync<ChatMessage>(command.MessageId, c.CancellationToken);
            });
}
