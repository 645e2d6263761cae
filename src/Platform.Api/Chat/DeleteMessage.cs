using Platform.Api.Communities;
using Platform.Api.Files;
using GraphQL.Types;
using Marten;
using Platform.Api.Chat.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Social;
using Platform.Projections.Chat;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Chat;

public sealed record DeleteMessage(Guid MessageId, Guid DeletedBy);

public static class DeleteMessageHandler
{
    public static async Task Handle(DeleteMessage command, IDocumentSession session, Wolverine.IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Message>(command.MessageId, cancellation);
        var conversation = stream.Aggregate is { } message ? await session.Events.FetchLatest<Conversation>(message.ConversationId, cancellation) : null;
        var channelStaff = conversation?.CommunityId is { } communityId && CommunitiesAccess.IsStaff(await session.LoadAsync<Projections.Identity.UserAccount>(command.DeletedBy, cancellation), communityId);
        var deleted = Messages.Delete(stream.Aggregate, command.DeletedBy, channelStaff, clock.GetUtcNow());
        stream.AppendMany(deleted);
        if (deleted.Length > 0)
            await session.DeleteFilesOf(messages, Contracts.Files.FileOwnerKind.Message, [command.MessageId], "The message was deleted.", clock.GetUtcNow(), cancellation);
    }
}

public static class DeleteMessageField
{
    public static void AddDeleteMessage(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MessageGraphType>>("deleteMessage")
            .Description("Soft-deletes a message: its sender, or in a community channel the community's creator or a moderator. Readers see who deleted it.")
            .Argument<NonNullGraphType<IdGraphType>>("messageId")
            .AllowOwn(ChatAccess.MessageOfParticipant, SignedIn)
            .ResolveAsync(async c =>
            {
                var messageId = c.IdArgument("messageId");
                await c.Commands().InvokeAsync(new DeleteMessage(messageId, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<ChatMessage>(messageId, c.CancellationToken);
            });
}
