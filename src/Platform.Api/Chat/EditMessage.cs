using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Chat.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Projections.Chat;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Chat;

public sealed record EditMessage(Guid MessageId, string Body, Guid EditedBy);

public static class EditMessageHandler
{
    public static async Task Handle(EditMessage command, IDocumentSession session, ChatOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Message>(command.MessageId, cancellation);
        stream.AppendOne(Messages.Edit(stream.Aggregate, command.EditedBy, command.Body, options.MaxMessageLength, clock.GetUtcNow()));
    }
}

public static class EditMessageField
{
    public static void AddEditMessage(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MessageGraphType>>("editMessage")
            .Description("Replaces the text of the caller's own message; earlier versions stay in its history.")
            .Argument<NonNullGraphType<IdGraphType>>("messageId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .AllowOwn(ChatAccess.MessageOfParticipant, SignedIn)
            .ResolveAsync(async c =>
            {
                var messageId = c.IdArgument("messageId");
                await c.Commands().InvokeAsync(new EditMessage(messageId, c.GetArgument<string>("body"), c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<ChatMessage>(messageId, c.CancellationToken);
            });
}
