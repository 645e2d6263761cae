using JasperFx.Events;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Courses;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Help;
using Platform.Contracts.Mail;
using Platform.Contracts.Moderation;
using Platform.Contracts.Payouts;
using Platform.Contracts.Social;
using Platform.Projections.Commerce;
using Platform.Projections.Identity;
using Platform.Projections.Ledger;
using Wolverine;
using Wolverine.Marten.Subscriptions;
using Platform.Projections.Payouts;

namespace Platform.Api.Mail;

/// <summary>An event that may mail someone, relayed from the event store by a Marten subscription.</summary>
public sealed record NotifyByMail(Guid EventId);

/// <summary>
/// Published by <c>inviteMember</c>'s handler in its own transaction: the invitation event stores only the token's hash, so the
/// one mail that carries the token is decided where the token still exists.
/// </summary>
public sealed record MailInvitation(Guid InvitationId, string Token);

/// <summary>Decides who gets which mail for the events that concern people outside the app: receipts, refunds, payouts, replies, mentions,
/// moderation outcomes and answers to support tickets.</summary>
public static class MailNotificationsHandler
{
    public static readonly Type[] Sources = [typeof(PaymentSucceeded), typeof(PaymentRefunded), typeof(PayoutPaid), typeof(PayoutFailed),
        typeof(CommentAdded), typeof(PostCreated), typeof(ReportsResolved), typeof(TicketReplied)];

    public static void Relay(IPublishingRelay relay)
    {
        foreach (var type in Sources)
            typeof(MailNotificationsHandler).GetMethod(nameof(RelayEventsOf))!.MakeGenericMethod(type).Invoke(null, [relay]);
    }

    public static void RelayEventsOf<T>(IPublishingRelay relay) where T : notnull =>
        relay.PublishEvent<T>((e, bus) => MayMail(e.Data) ? bus.PublishAsync(new NotifyByMail(e.Id)) : ValueTask.CompletedTask);

    /// <summary>A post mails only the people it mentions: most posts mention nobody, and then need no queued message at all.</summary>
    private static bool MayMail(object data) => data is not PostCreated post || post.Mentioned.Any(user => user != post.AuthorId);

    /// <summary>A mail per recipient who has an address and wants this kind by email; ids from the event, so a replay sends nothing new.</summary>
    public static async Task<OutgoingMessages> Handle(NotifyByMail message, IDocumentSession session, AppLinks links, CancellationToken cancellation)
    {
        var e = await session.Events.LoadAsync(message.EventId, cancellation) ?? throw new InvalidOperationException($"Event {message.EventId} is gone.");
        var outgoing = new OutgoingMessages();
        foreach (var (recipient, kind, content) in await MailsFor(e, session, links, cancellation))
        {
            if (await session.LoadAsync<UserAccount>(recipient, cancellation) is not { Email: { Length: > 0 } email }) continue;
            var preferences = await session.Events.AggregateStreamAsync<NotificationPreferences>(NotificationPreferences.StreamId(recipient), token: cancellation)
                ?? NotificationPreferences.Default(recipient);
            if (!preferences.Mails(kind)) continue;
            outgoing.Add(new SendMail(DeterministicId.From("mail", e.Id.ToString(), recipient.ToString(), kind.ToString()), email, content, recipient, kind));
        }
        return outgoing;
    }

    private static async Task<IReadOnlyList<(Guid Recipient, NotificationKind Kind, MailContent Content)>> MailsFor(
        IEvent e, IDocumentSession session, AppLinks links, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case PaymentSucceeded paid when await session.LoadAsync<PurchaseView>(paid.PurchaseId, cancellation) is { } purchase:
                return [(purchase.BuyerId, NotificationKind.Receipt, MailTemplates.Receipt(await ProductName(session, purchase, cancellation),
                    paid.Gross, paid.PlatformFee, paid.CreatorShare, purchase.Refunded, paid.Currency, paid.PaidAt))];
            case PaymentRefunded refunded when await session.LoadAsync<PurchaseView>(refunded.PurchaseId, cancellation) is { } purchase:
                return [(purchase.BuyerId, NotificationKind.Refund, MailTemplates.Refund(await ProductName(session, purchase, cancellation),
                    refunded.Amount, purchase.Refunded, purchase.Gross, refunded.Currency))];
            case PayoutPaid paid when await session.LoadAsync<PayoutView>(paid.PayoutId, cancellation) is { } payout:
                return [(payout.CreatorId, NotificationKind.Payout, MailTemplates.PayoutPaid(payout.Amount, payout.Currency, paid.PaidAt))];
            case PayoutFailed failed when await session.LoadAsync<PayoutView>(failed.PayoutId, cancellation) is { } payout:
                return [(payout.CreatorId, NotificationKind.Payout, MailTemplates.PayoutFailed(payout.Amount, payout.Currency, failed.Reason))];
            case CommentAdded comment:
            {
                var author = await Name(session, comment.AuthorId, cancellation);
                var post = await session.LoadAsync<Projections.Social.PostView>(comment.PostId, cancellation);
                var url = links.Post(comment.PostId);
                var title = post?.Title ?? "a post";
                var replied = new[] { comment.PostAuthorId, comment.ParentAuthorId ?? comment.PostAuthorId }.Distinct()
                    .Where(u => u != comment.AuthorId && !comment.Mentioned.Contains(u));
                return [.. replied.Select(u => (u, NotificationKind.Reply, MailTemplates.Reply(author, title, comment.Body, url))),
                    .. comment.Mentioned.Where(u => u != comment.AuthorId).Select(u => (u, NotificationKind.Mention, MailTemplates.Mention(author, title, comment.Body, url)))];
            }
            case PostCreated post:
            {
                var author = await Name(session, post.AuthorId, cancellation);
                return [.. post.Mentioned.Where(u => u != post.AuthorId).Select(u =>
                    (u, NotificationKind.Mention, MailTemplates.Mention(author, post.Title, post.Body, links.Post(post.PostId))))];
            }
            // The author learns what a moderator did to their content or membership; a dismissed report changed nothing for them.
            case ReportsResolved resolved when resolved.Action != ModerationAction.Dismiss:
                return [(resolved.AuthorId, NotificationKind.Moderation, MailTemplates.ModerationOutcome(
                    resolved.Kind switch { ModerationTargetKind.Post => "post", ModerationTargetKind.Comment => "comment", _ => "membership" },
                    resolved.Action switch { ModerationAction.Hide => "hidden", ModerationAction.Delete => "deleted", ModerationAction.Warn => "a warning", _ => "banned" },
                    resolved.Reason))];
            // Staff answered the customer; internal notes and the customer's own replies mail no one.
            case TicketReplied reply when reply.ByStaff && !reply.Internal:
                return [(reply.CustomerId, NotificationKind.TicketReply, MailTemplates.TicketReply(
                    (await session.LoadAsync<Projections.Help.TicketView>(reply.TicketId, cancellation))?.Subject ?? "your ticket",
                    await Name(session, reply.AuthorId, cancellation), reply.Body, links.Ticket(reply.TicketId)))];
            default:
                return [];
        }
    }

    public static async Task<OutgoingMessages> Handle(MailInvitation message, IDocumentSession session, AppLinks links, CancellationToken cancellation)
    {
        var invitation = await session.Events.AggregateStreamAsync<Projections.Communities.InvitationView>(message.InvitationId, token: cancellation)
            ?? throw new InvalidOperationException($"Invitation {message.InvitationId} is gone.");
        var community = await Communities.Community.Load(session, invitation.CommunityId, cancellation);
        var content = MailTemplates.Invitation(community.Name, await Name(session, invitation.InvitedBy, cancellation),
            links.Invitation(message.Token), invitation.ExpiresAt);
        return [new SendMail(DeterministicId.From("mail", "invitation", invitation.Id.ToString()), invitation.Email, content, null, null)];
    }

    private static async Task<string> Name(IQuerySession session, Guid userId, CancellationToken cancellation) =>
        (await session.LoadAsync<UserAccount>(userId, cancellation))?.DisplayName ?? "Someone";

    private static async Task<string> ProductName(IQuerySession session, PurchaseView purchase, CancellationToken cancellation) =>
        purchase.Kind == ProductKind.Course
            ? (await OutlineCache.Load(session, purchase.ProductId, cancellation))?.Title ?? "a course"
            : $"membership of {(await session.Events.AggregateStreamAsync<Community>(purchase.CommunityId, token: cancellation))?.Name ?? "a community"}";
}
