using Platform.Api.Identity.Graph;
using GraphQL;
using GraphQL.Types;
using Platform.Api.Identity;
using Platform.Api.GraphQL.Schema;
using Platform.Projections.Chat;

namespace Platform.Api.Chat.Graph;

public sealed class MessageGraphType : ObjectGraphType<ChatMessage>
{
    public MessageGraphType()
    {
        Name = "Message";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("conversationId").Resolve(c => c.Source.ConversationId);
        Field<NonNullGraphType<IdGraphType>>("senderId").Resolve(c => c.Source.SenderId);
        Field<UserGraphType>("sender").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.SenderId, c.CancellationToken));
        Field<StringGraphType>("body").Description("Null once deleted.").Resolve(c => c.Source.DeletedAt is null ? c.Source.Body : null);
        Field(m => m.SentAt);
        Field(m => m.EditedAt, nullable: true);
        Field(m => m.DeletedAt, nullable: true);
        Field<IdGraphType>("deletedBy").Resolve(c => c.Source.DeletedBy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Files.Graph.FileGraphType>>>>("images").Description("The message's images (none once deleted).")
            .ResolveAsync(async c => await Files.FileAttachments.FilesOf(c.Reads(), Contracts.Files.FileOwnerKind.Message, c.Source.Id, c.CancellationToken));
    }
}
