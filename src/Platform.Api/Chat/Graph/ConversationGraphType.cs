using Platform.Api.Identity.Graph;
using GraphQL;
using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Chat;
using Platform.Projections.Chat;

namespace Platform.Api.Chat.Graph;

public sealed class ConversationGraphType : ObjectGraphType<ConversationView>
{
    public ConversationGraphType()
    {
        Name = "Conversation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<ConversationKind>>>("kind").Resolve(c => c.Source.Kind);
        Field(v => v.Title, nullable: true).Description("A group's title, or a channel's community name.");
        Field<IdGraphType>("communityId").Description("Set for a community channel.").Resolve(c => c.Source.CommunityId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserGraphType>>>>("members")
            .Description("A direct or group conversation's members; empty for a channel (its members are the community's).")
            .ResolveAsync(async c =>
            {
                var users = c.RequestServices!.GetRequiredService<UserLookup>();
                await users.Prime(c.Source.MemberIds, c.CancellationToken);
                var members = new List<Projections.Identity.UserAccount>();
                foreach (var id in c.Source.MemberIds)
                    if (await users.Get(id, c.CancellationToken) is { } user) members.Add(user);
                return members;
            });
        Field(v => v.LastActivityAt).Description("The latest message's time, or when the conversation started.");
        Field<MessageGraphType>("lastMessage").ResolveAsync(async c =>
            c.Source.LastMessageId is { } id ? await c.Reads().LoadAsync<ChatMessage>(id, c.CancellationToken) : null);
        Field<NonNullGraphType<IntGraphType>>("unreadCount")
            .Description($"Messages by others after the caller's read marker, counted up to {ChatReads.UnreadCap}.")
            .ResolveAsync(async c =>
            {
                var userId = c.UserId();
                var marker = await c.Reads().LoadAsync<ConversationReadMarker>(DeterministicId.ConversationRead(c.Source.Id, userId), c.CancellationToken);
                return await ChatReads.Unread(c.Reads(), c.Source.Id, userId, marker?.UpTo, c.CancellationToken);
            });
        Field<NonNullGraphType<ConnectionGraphType<MessageGraphType, ChatMessage>>>("messages")
            .Description("Newest first; deleted messages keep their place without their text.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var page = await ChatReads.NewestFirst(c.Reads(), c.Source.Id, Cursor.PageSize(c.GetArgument<int?>("first")), c.GetArgument<string?>("after"), c.CancellationToken);
                await c.RequestServices!.GetRequiredService<UserLookup>().Prime(page.Edges.Select(e => e.Node.SenderId), c.CancellationToken);
                return page;
            });
    }
}
