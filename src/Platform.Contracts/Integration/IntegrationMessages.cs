namespace Platform.Contracts.Integration;

/// <summary>
/// A fact other systems care about, published to RabbitMQ (topic exchange <c>platform.integration</c>, routing key = <see cref="Type"/>).
/// Delivery is at least once: <see cref="MessageId"/> is derived from the event it reports, so every delivery of the same fact carries the
/// same id (also the AMQP message id) and consumers deduplicate on it. A breaking change gets a new type with the next version suffix.
/// </summary>
public interface IIntegrationMessage
{
    Guid MessageId { get; }

    /// <summary>The versioned message type, e.g. <c>purchase.paid.v1</c>: the routing key and the JSON's <c>type</c>.</summary>
    string Type { get; }
}

public sealed record PurchasePaidV1(Guid MessageId, Guid PurchaseId, Guid ProductId, Guid CommunityId, Guid CreatorId, Guid BuyerId,
    long Gross, long PlatformFee, long CreatorShare, string Currency, DateTimeOffset PaidAt) : IIntegrationMessage
{
    public string Type => "purchase.paid.v1";
}

public sealed record PurchaseRefundedV1(Guid MessageId, Guid PurchaseId, Guid? RefundId, long Amount, long PlatformFeeReversed,
    long CreatorShareReversed, string Currency, DateTimeOffset RefundedAt) : IIntegrationMessage
{
    public string Type => "purchase.refunded.v1";
}

public sealed record EnrolmentStartedV1(Guid MessageId, Guid EnrolmentId, Guid CourseId, Guid UserId, string Source, DateTimeOffset EnrolledAt)
    : IIntegrationMessage
{
    public string Type => "enrolment.started.v1";
}

public sealed record EnrolmentRevokedV1(Guid MessageId, Guid EnrolmentId, Guid CourseId, Guid UserId, string Reason, DateTimeOffset RevokedAt)
    : IIntegrationMessage
{
    public string Type => "enrolment.revoked.v1";
}

public sealed record PayoutPaidV1(Guid MessageId, Guid PayoutId, Guid CreatorId, long Amount, string Currency, DateTimeOffset PaidAt) : IIntegrationMessage
{
    public string Type => "payout.paid.v1";
}

public sealed record MemberJoinedV1(Guid MessageId, Guid MembershipId, Guid CommunityId, Guid UserId, DateTimeOffset JoinedAt) : IIntegrationMessage
{
    public string Type => "member.joined.v1";
}
