using Platform.Api.Communities;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Chat.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Chat;
using Platform.Projections.Chat;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Chat;

public static class ConversationQueries
{
    public static void AddConversations(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<ConversationGraphType, ConversationView>>>("conversations")
            .Description("The caller's conversations and the channels of their communities, latest message first, each with its unread count.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var userId = c.UserId();
                var communities = (await ChatAccess.CommunitiesOf(c.Reads(), userId, c.CancellationToken)).Select(id => (Guid?)id).ToArray();
                return await c.Reads().Query<ConversationView>()
                    .Where(v => v.MemberIds.Contains(userId) || (v.Kind == ConversationKind.Community && v.CommunityId.IsOneOf(communities)))
                    .NewestFirst(c, v => v.LastActivityAt, v => v.Id);
            });

    public static void AddConversation(this ObjectGraphType query) =>
        query.Field<ConversationGraphType>("conversation")
            .Description("One conversation; its messages are paged newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowOwn(ChatAccess.Participant("id"), SignedIn)
            .ResolveAsync(async c => await c.Reads().LoadAsync<ConversationView>(c.IdArgument("id"), c.CancellationToken));

    public static void AddCommunityChannel(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConversationGraphType>>("communityChannel")
            .Description("The community's (or sub-community's) channel, empty until its first message (sendMessage with communityId).")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .AllowOwn(CommunitiesAccess.Member("communityId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                return await c.Reads().LoadAsync<ConversationView>(DeterministicId.CommunityChannel(communityId), c.CancellationToken)
                    ?? await c.Reads().Events.AggregateStreamAsync<Communities.Community>(communityId, token: c.CancellationToken) switch
                    {
                        null => throw Infrastructure.DomainException.NotFound("The community"),
                        var card => new ConversationView
                        {
                            Id = DeterministicId.CommunityChannel(communityId), Kind = ConversationKind.Community, Title = card.Name, CommunityId = communityId,
                        },
                    };
            });
}
