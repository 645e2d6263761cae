using GraphQL;
using GraphQL.Types;
using JasperFx.Events;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using Platform.Projections.Identity;
using Platform.Projections.Ledger;

namespace Platform.Api.Audit;

/// <summary>The entities whose history can be read; each entity's id is its event stream's id.</summary>
public enum AuditEntityType { Purchase, Payout, Subscription, User, Course, Community, Membership, Enrolment, Ticket }

public sealed class AuditEntryGraphType : ObjectGraphType<IEvent>
{
    public AuditEntryGraphType()
    {
        Name = "AuditEntry";
        Description = "One event of an entity, with who and what caused it.";
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("The event's position in the whole store.").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<LongGraphType>>("version").Description("The event's position in the entity's stream, from 1.").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<StringGraphType>>("type").Resolve(c => c.Source.EventType.Name);
        Field<NonNullGraphType<StringGraphType>>("data").Description("The event as JSON text.")
            .Resolve(c => c.RequestServices!.GetRequiredService<IDocumentStore>().Options.Serializer().ToJson(c.Source.Data));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.Timestamp);
        Field<StringGraphType>("actor").Description("A user id, webhook:<provider event id> or schedule:<name>.").Resolve(c => c.Source.UserName);
        Field<StringGraphType>("correlationId").Description("The request (or webhook delivery) the event came from.").Resolve(c => c.Source.CorrelationId);
        Field<StringGraphType>("causationId").Description("The id of the message whose handler appended the event.").Resolve(c => c.Source.CausationId);
        Field<StringGraphType>("source").Description("graphql:<operation>, webhook:<provider event id> or schedule:<name>.")
            .Resolve(c => c.Source.GetHeader(AuditContext.SourceHeader)?.ToString());
    }
}

public static class AuditGraph
{
    /// <summary>Whether the id names an entity of that type: its own document exists (read from the events where that one is async).</summary>
    private static async Task<bool> Exists(IQuerySession reads, AuditEntityType type, Guid id, CancellationToken cancellation) => type switch
    {
        AuditEntityType.Purchase => await reads.LoadAsync<PurchaseView>(id, cancellation) is not null,
        AuditEntityType.Subscription => await reads.LoadAsync<SubscriptionView>(id, cancellation) is not null,
        AuditEntityType.User => await reads.LoadAsync<UserAccount>(id, cancellation) is not null,
        AuditEntityType.Course => await reads.LoadAsync<CourseOutline>(id, cancellation) is not null,
        AuditEntityType.Enrolment => await reads.LoadAsync<EnrolmentView>(id, cancellation) is not null,
        AuditEntityType.Community => await reads.Events.QueryRawEventDataOnly<Contracts.Communities.CommunityCreated>().AnyAsync(e => e.CommunityId == id, cancellation),
        AuditEntityType.Membership => await reads.Events.AggregateStreamAsync<MembershipView>(id, token: cancellation) is not null,
        AuditEntityType.Payout => await reads.LoadAsync<PayoutView>(id, cancellation) is not null,
        AuditEntityType.Ticket => await reads.LoadAsync<Projections.Help.TicketView>(id, cancellation) is not null,
        _ => false,
    };

    /// <summary>A creator reads the history of the money of their own products: purchases and subscriptions of their communities.</summary>
    public static readonly Ownership ProductMoneyCreator = new("the creator of the product of the purchase, subscription or payout in 'entityId'",
        async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>("entityId"), out var id)) return false;
            var reads = context.Reads();
            return context.GetArgument<AuditEntityType>("entityType") switch
            {
                AuditEntityType.Purchase => await reads.LoadAsync<PurchaseView>(id, context.CancellationToken) is { } purchase
                    && caller.Holds(Role.Creator, purchase.CommunityId),
                AuditEntityType.Subscription => await reads.LoadAsync<SubscriptionView>(id, context.CancellationToken) is { } subscription
                    && caller.Holds(Role.Creator, subscription.CommunityId),
                AuditEntityType.Payout => caller.Holds(Role.Creator) && (await reads.LoadAsync<PayoutView>(id, context.CancellationToken))?.CreatorId == caller.UserId,
                _ => false,
            };
        }, HideOthers: true);

    public static void AddAuditQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<AuditEntryGraphType, IEvent>>>("auditTrail")
            .Description("Every event of one entity, oldest first, with its actor, correlation, causation and source (FAUD).")
            .Argument<NonNullGraphType<EnumerationGraphType<AuditEntityType>>>("entityType")
            .Argument<NonNullGraphType<IdGraphType>>("entityId")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .AllowOwn(ProductMoneyCreator, Audience.Creator)
            .Allow(Audience.Finance, Audience.Admin)
            .ResolveAsync(async c =>
            {
                var reads = c.Reads();
                var id = c.IdArgument("entityId");
                if (!await Exists(reads, c.GetArgument<AuditEntityType>("entityType"), id, c.CancellationToken))
                    throw DomainException.NotFound("That entity");
                var first = Cursor.PageSize(c.GetArgument<int?>("first"));
                var after = Cursor.Decode(c.GetArgument<string?>("after")) ?? 0;
                var events = await reads.Events.QueryAllRawEvents()
                    .Where(e => e.StreamId == id && e.Version > after)
                    .OrderBy(e => e.Version).Take(first + 1).ToListAsync(c.CancellationToken);
                return Page<IEvent>.From(events, first, e => e.Version);
            });
    }
}
