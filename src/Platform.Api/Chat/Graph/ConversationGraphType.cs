using Platform.Api.Identity.Graph;
using GraphQL;
using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Moderation;
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
        Field<MessageGraphType>("lastMessage").Description("Null when it is hidden from the caller by moderation.").ResolveAsync(async c =>
            c.Source.LastMessageId is { } id && await c.Reads().LoadAsync<ChatMessage>(id, c.CancellationToken) is { } last
                ? (await HiddenFrom(c, c.Source, [last])).Contains(last.Id) ? null : last
                : null);
        Field<NonNullGraphType<IntGraphType>>("unreadCount")
            .Description($"Messages by others after the caller's read marker, counted up to {ChatReads.UnreadCap}.")
            .ResolveAsync(async c =>
            {
                var userId = c.UserId();
                var marker = await c.Reads().LoadAsync<ConversationReadMarker>(DeterministicId.ConversationRead(c.Source.Id, userId), c.CancellationToken);
                return await ChatReads.Unread(c.Reads(), c.Source.Id, userId, marker?.UpTo, c.CancellationToken);
            });
        Field<NonNullGraphType<ConnectionGraphType<MessageGraphType, ChatMessage>>>("messages")
            .Description("Newest first; deleted messages keep their place without their text. In a channel, messages hidden by its moderators are left out for members (its staff see them).")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var page = await ChatReads.NewestFirst(c.Reads(), c.Source.Id, Cursor.PageSize(c.GetArgument<int?>("first")), c.GetArgument<string?>("after"), c.CancellationToken);
                var hidden = await HiddenFrom(c, c.Source, page.Edges.Select(e => e.Node));
                if (hidden.Count > 0) page = page with { Edges = [.. page.Edges.Where(e => !hidden.Contains(e.Node.Id))] };
                await c.RequestServices!.GetRequiredService<UserLookup>().Prime(page.Edges.Select(e => e.Node.SenderId), c.CancellationToken);
                return page;
            });
    }

    /// <summary>A channel's messages that its moderators hid (or whose sender is suspended), unless the caller is its staff; none in a
    /// direct or group conversation, which no community moderates.</summary>
    private static async Task<IReadOnlySet<Guid>> HiddenFrom(IResolveFieldContext context, ConversationView conversation, IEnumerable<ChatMessage> messages) =>
        conversation.CommunityId is { } communityId
            ? await ModerationReads.HiddenFrom(context, communityId, messages.Select(m => (m.Id, m.SenderId)))
            : new HashSet<Guid>();
}
