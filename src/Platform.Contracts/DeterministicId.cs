using System.Security.Cryptography;
using System.Text;

namespace Platform.Contracts;

/// <summary>
/// Name-based ids (RFC 9562 version 5): the same parts always give the same id, so a repeated or
/// racing command targets the same stream and the event store decides the winner.
/// </summary>
public static class DeterministicId
{
    private static readonly Guid Namespace = new("6f1c2b52-43a4-4c35-9d67-1f0a3f2f6a10");

    public static Guid From(string kind, params string[] parts)
    {
        // Each part is length-prefixed, so no choice of parts can spell another's name.
        var name = Encoding.UTF8.GetBytes(string.Concat(parts.Prepend(kind).Select(p => $"{p.Length}:{p}")));
        var input = Namespace.ToByteArray(bigEndian: true).Concat(name).ToArray();
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static Guid Membership(Guid communityId, Guid userId) => From("membership", communityId.ToString(), userId.ToString());

    public static Guid Enrolment(Guid courseId, Guid userId) => From("enrolment", courseId.ToString(), userId.ToString());

    public static Guid Certificate(Guid enrolmentId) => From("certificate", enrolmentId.ToString());

    /// <summary>One reaction of a kind per user per post or comment.</summary>
    public static Guid Reaction(Guid targetId, Guid userId, string kind) => From("reaction", targetId.ToString(), userId.ToString(), kind);

    public static Guid Follow(Guid followerId, Guid targetId) => From("follow", followerId.ToString(), targetId.ToString());

    public static Guid Notifications(Guid userId) => From("notifications", userId.ToString());

    public static Guid Product(Guid productId) => From("product", productId.ToString());

    public static Guid Subscription(Guid firstPurchaseId) => From("subscription", firstPurchaseId.ToString());

    /// <summary>The purchase for one renewal invoice: a resent webhook finds the same purchase.</summary>
    public static Guid Renewal(string provider, string invoiceId) => From("renewal", provider, invoiceId);

    public static Guid PayoutAccount(Guid creatorId) => From("payout-account", creatorId.ToString());

    /// <summary>One direct conversation per pair, whoever starts it: the two ids in a fixed order.</summary>
    public static Guid DirectConversation(Guid a, Guid b) =>
        a.CompareTo(b) < 0 ? From("direct-conversation", a.ToString(), b.ToString()) : From("direct-conversation", b.ToString(), a.ToString());

    /// <summary>One chat channel per community or sub-community.</summary>
    public static Guid CommunityChannel(Guid communityId) => From("community-channel", communityId.ToString());

    public static Guid ConversationRead(Guid conversationId, Guid userId) => From("conversation-read", conversationId.ToString(), userId.ToString());

    public static Guid Block(Guid blockerId, Guid blockedId) => From("block", blockerId.ToString(), blockedId.ToString());

    public static Guid HelpVote(Guid articleId, Guid userId) => From("help-vote", articleId.ToString(), userId.ToString());

    /// <summary>One moderation case per reported target: its reports, decisions and appeal.</summary>
    public static Guid ModerationCase(Guid targetId) => From("moderation-case", targetId.ToString());
}
