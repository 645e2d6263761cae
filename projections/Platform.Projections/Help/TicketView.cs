using Marten.Events.Aggregation;
using Platform.Contracts.Help;

namespace Platform.Projections.Help;

public sealed record TicketReplyView(Guid Id, Guid AuthorId, string Body, bool Internal, bool ByStaff, DateTimeOffset At);

/// <summary>A support ticket with its replies and internal notes (which readers filter by who asks).</summary>
public sealed class TicketView
{
    public Guid Id { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public TicketCategory Category { get; set; }
    public Guid? RelatedId { get; set; }
    public Guid CustomerId { get; set; }
    public TicketStatus Status { get; set; }
    public Guid? AssigneeId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary>The latest reply, assignment or status change: lists are sorted by it.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<TicketReplyView> Replies { get; set; } = [];
}

/// <summary>Inline: the customer and the staff see a reply or a status change on their next request.</summary>
public sealed partial class TicketViewProjection : SingleStreamProjection<TicketView, Guid>
{
    public static TicketView Create(TicketOpened e) => new()
    {
        Id = e.TicketId, Subject = e.Subject, Body = e.Body, Category = e.Category, RelatedId = e.RelatedId, CustomerId = e.CustomerId,
        Status = TicketStatus.Open, OpenedAt = e.OpenedAt, UpdatedAt = e.OpenedAt,
    };

    public static void Apply(TicketReplied e, TicketView ticket)
    {
        ticket.Replies.Add(new TicketReplyView(e.ReplyId, e.AuthorId, e.Body, e.Internal, e.ByStaff, e.RepliedAt));
        ticket.UpdatedAt = e.RepliedAt;
    }

    public static void Apply(TicketAssigned e, TicketView ticket) => (ticket.AssigneeId, ticket.UpdatedAt) = (e.AssigneeId, e.AssignedAt);

    public static void Apply(TicketStatusChanged e, TicketView ticket)
    {
        (ticket.Status, ticket.UpdatedAt) = (e.To, e.ChangedAt);
        if (e.To == TicketStatus.Solved) ticket.SolvedAt = e.ChangedAt;
        if (e.To == TicketStatus.Closed) ticket.ClosedAt = e.ChangedAt;
    }
}
