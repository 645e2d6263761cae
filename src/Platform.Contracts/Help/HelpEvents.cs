namespace Platform.Contracts.Help;

/// <summary>A help article stream: every version of its text, and its publishing.</summary>
public sealed record HelpArticleWritten(Guid ArticleId, string Collection, string Title, string Body, int Version, Guid WrittenBy, DateTimeOffset WrittenAt);

public sealed record HelpArticlePublished(Guid ArticleId, int Version, Guid PublishedBy, DateTimeOffset PublishedAt);

public sealed record HelpArticleUnpublished(Guid ArticleId, Guid UnpublishedBy, DateTimeOffset UnpublishedAt);

/// <summary>"Was this helpful", on a stream per (article, reader) (<c>DeterministicId.HelpVote</c>); <c>Previous</c> is the answer it replaces.</summary>
public sealed record HelpArticleRated(Guid VoteId, Guid ArticleId, bool Helpful, bool? Previous, Guid UserId, DateTimeOffset RatedAt);

public enum TicketCategory { General, Account, Payment, Payout, Course, Community, Technical }

public enum TicketStatus { Open, WaitingOnCustomer, Solved, Closed }

/// <summary>A ticket stream: the request, every reply and note, assignment and status changes (its audit trail).</summary>
public sealed record TicketOpened(
    Guid TicketId, string Subject, string Body, TicketCategory Category, Guid? RelatedId, Guid CustomerId, DateTimeOffset OpenedAt);

/// <summary>
/// A reply or, when <c>Internal</c>, a note only staff see. The ticket's customer and assignee are on the event, so
/// notifying the other side needs nothing else.
/// </summary>
public sealed record TicketReplied(
    Guid TicketId, Guid ReplyId, string Body, bool Internal, bool ByStaff, Guid CustomerId, Guid? AssigneeId, Guid AuthorId, DateTimeOffset RepliedAt);

public sealed record TicketAssigned(Guid TicketId, Guid AssigneeId, Guid AssignedBy, DateTimeOffset AssignedAt);

/// <summary>The status moved (open, waiting on customer, solved, closed); <c>ChangedBy</c> is null when the auto-close schedule closed it.</summary>
public sealed record TicketStatusChanged(Guid TicketId, TicketStatus From, TicketStatus To, Guid? ChangedBy, DateTimeOffset ChangedAt);
