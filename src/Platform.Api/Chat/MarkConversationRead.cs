using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Chat.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts;
using Platform.Projections.Chat;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Chat;

public sealed record MarkConversationRead(Guid ConversationId, Guid UserId, DateTimeOffset? UpTo);

public static class MarkConversationReadHandler
{
    public static async Task Handle(MarkConversationRead command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<ReadMarker>(DeterministicId.ConversationRead(command.ConversationId, command.UserId), cancellation);
        stream.AppendMany(ReadMarkers.MarkRead(stream.Aggregate, command.ConversationId, command.UserId, command.UpTo, clock.GetUtcNow()));
    }
}

public static class MarkConversationReadField
{
    public static void AddMarkConversationRead(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ConversationGraphType>>("markConversationRead")
            .Description("Marks the conversation read up to a moment (default: now), for the caller.")
            .Argument<NonNullGraphType<IdGraphType>>("conversationId")
            .Argument<DateTimeOffsetGraphType>("upTo")
            .AllowOwn(ChatAccess.Participant("conversationId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var conversationId = c.IdArgument("conversationId");
                await c.Commands().InvokeAsync(new MarkConversationRead(conversationId, c.UserId(), c.GetArgument<DateTimeOffset?>("upTo")), c.CancellationToken);
                return await c.Reads().LoadAsync<ConversationView>(conversationId, c.CancellationToken);
            });
}
