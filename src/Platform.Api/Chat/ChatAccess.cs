using Platform.Api.Communities;
using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Social;
using Platform.Contracts;
using Platform.Contracts.Chat;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Chat;
using Platform.Projections.Communities;
using Platform.Projections.Identity;
using Platform.Projections.Social;

namespace Platform.Api.Chat;

/// <summary>
/// Who may read and write which conversation. A direct or group conversation is its members'; a community channel
/// belongs to the community's active members, creator and moderators, checked on the membership stream itself, so a
/// banned member loses the channel at once.
/// </summary>
public static class ChatAccess
{
    public static async Task<bool> IsParticipant(IQuerySession reads, Caller caller, ConversationView? conversation, CancellationToken cancellation) =>
        conversation is not null && caller.UserId is { } userId
        && (conversation.Kind == ConversationKind.Community
            ? await CommunitiesAccess.IsInside(reads, caller.Account, conversation.CommunityId, cancellation)
            : conversation.MemberIds.Contains(userId));

    /// <summary>"Own" for operations on the conversation named by <paramref name="argument"/>: a participant.</summary>
    public static Ownership Participant(string argument) => new($"a participant of the conversation in '{argument}' (for a channel: its community's active member, creator or moderator)",
        async (context, caller) => Guid.TryParse(context.GetArgument<string?>(argument), out var id)
            && await IsParticipant(context.Reads(), caller, await context.Reads().LoadAsync<ConversationView>(id, context.CancellationToken), context.CancellationToken));

    /// <summary>"Own" for <c>sendMessage</c>: a participant of <c>input.conversationId</c>, a member of <c>input.communityId</c>, or anyone to <c>input.toUserId</c> (the rules decide).</summary>
    public static readonly Ownership Sender = new(
        "a participant of 'input.conversationId', an active member, creator or moderator of 'input.communityId', or any signed-in user to 'input.toUserId'",
        async (context, caller) =>
        {
            var input = context.GetArgument<SendMessageInput>("input");
            var reads = context.Reads();
            if (input.ConversationId is { } conversationId)
                return await IsParticipant(reads, caller, await reads.LoadAsync<ConversationView>(conversationId, context.CancellationToken), context.CancellationToken);
            if (input.CommunityId is { } communityId) return await CommunitiesAccess.IsInside(reads, caller.Account, communityId, context.CancellationToken);
            return caller.IsSignedIn;
        });

    /// <summary>"Own" for <c>editMessage</c> and <c>deleteMessage</c>: the sender (the rules let channel staff delete too).</summary>
    public static readonly Ownership MessageOfParticipant = new("a participant of the conversation of the message in 'messageId'",
        async (context, caller) =>
        {
            var reads = context.Reads();
            return Guid.TryParse(context.GetArgument<string?>("messageId"), out var id)
                   && await reads.LoadAsync<ChatMessage>(id, context.CancellationToken) is { } message
                   && await IsParticipant(reads, caller, await reads.LoadAsync<ConversationView>(message.ConversationId, context.CancellationToken), context.CancellationToken);
        });

    /// <summary>For handlers: an active member, or the creator or a moderator, read from the membership stream.</summary>
    public static Task<bool> IsInside(IQuerySession reads, Guid communityId, Guid userId, CancellationToken cancellation) =>
        CommunitiesAccess.IsInside(reads, userId, communityId, cancellation);

    public static async Task<bool> Blocked(IQuerySession reads, Guid a, Guid b, CancellationToken cancellation) =>
        (await reads.LoadManyAsync<BlockView>(cancellation, DeterministicId.Block(a, b), DeterministicId.Block(b, a))).Any(x => x.Active);

    /// <summary>What the rules need to know about messaging <paramref name="otherId"/>: reachable (a shared community, or they follow the sender) and blocks.</summary>
    public static async Task<Relation> RelationTo(IQuerySession reads, Guid senderId, Guid otherId, ChatReach reach, CancellationToken cancellation)
    {
        if (await reads.LoadAsync<UserAccount>(otherId, cancellation) is null) throw DomainException.NotFound("The user");
        var reachable = reach == ChatReach.Anyone
            || await reads.LoadAsync<FollowView>(DeterministicId.Follow(otherId, senderId), cancellation) is { Active: true }
            || (await CommunitiesOf(reads, senderId, cancellation)).Overlaps(await CommunitiesOf(reads, otherId, cancellation));
        return new Relation(otherId, reachable, await Blocked(reads, senderId, otherId, cancellation));
    }

    /// <summary>The communities a person is inside: active memberships (the directory's read model) and the ones they run.</summary>
    public static async Task<HashSet<Guid>> CommunitiesOf(IQuerySession reads, Guid userId, CancellationToken cancellation)
    {
        var memberships = await reads.Query<MembershipView>().Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
            .Select(m => m.CommunityId).ToListAsync(cancellation);
        var user = await reads.LoadAsync<UserAccount>(userId, cancellation);
        var staffed = user?.Grants.Where(g => g.Role is Role.Creator or Role.Moderator && g.CommunityId is not null).Select(g => g.CommunityId!.Value) ?? [];
        return [.. memberships, .. staffed];
    }
}
