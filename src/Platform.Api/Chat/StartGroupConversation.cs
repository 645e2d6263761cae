using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Chat.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Projections.Chat;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Chat;

public sealed record StartGroupConversationInput(string Title, IReadOnlyList<Guid> MemberIds);

public sealed class StartGroupConversationInputGraphType : InputObjectGraphType<StartGroupConversationInput>
{
    public StartGroupConversationInputGraphType()
    {
        Name = "StartGroupConversationInput";
        Field(i => i.Title);
        Field(i => i.MemberIds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>)).Description("The others; the caller joins too.");
    }
}

public sealed record StartGroupConversation(Guid ConversationId, StartGroupConversationInput Input, Guid StartedBy);

public static class StartGroupConversationHandler
{
    public static async Task Handle(StartGroupConversation command, IDocumentSession session, ChatOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        // Checked before anyone is looked up: a list far over the limit costs nothing.
        var others = command.Input.MemberIds.Distinct().Where(id => id != command.StartedBy).ToList();
        if (others.Count + 1 > options.MaxGroupSize) throw Infrastructure.DomainException.Invalid($"A group has at most {options.MaxGroupSize} members.");
        var relations = new List<Relation>();
        foreach (var other in others) relations.Add(await ChatAccess.RelationTo(session, command.StartedBy, other, options.Reach, cancellation));
        session.Events.StartStream<Conversation>(command.ConversationId, Conversations.StartGroup(command.ConversationId, command.Input.Title,
            command.StartedBy, relations, options.MaxGroupSize, clock.GetUtcNow()));
    }
}

public static class StartGroupConversationField
{
    public static void AddStartGroupConversation(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ConversationGraphType>>("startGroupConversation")
            .Description("Starts a group conversation with people the caller may message (Chat__MaxGroupSize members at most).")
            .Argument<NonNullGraphType<StartGroupConversationInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var command = new StartGroupConversation(Guid.CreateVersion7(), c.GetArgument<StartGroupConversationInput>("input"), c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await c.Reads().LoadAsync<ConversationView>(command.ConversationId, c.CancellationToken);
            });
}
