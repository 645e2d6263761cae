using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

public sealed record NotificationState(DateTimeOffset? ReadUpTo, int UnreadCount);

public sealed class NotificationStateGraphType : ObjectGraphType<NotificationState>
{
    public NotificationStateGraphType()
    {
        Name = "NotificationState";
        Field(n => n.ReadUpTo, nullable: true);
        Field(n => n.UnreadCount).Description($"Notifications after readUpTo, counted up to {SocialReads.UnreadCap}.");
    }
}
