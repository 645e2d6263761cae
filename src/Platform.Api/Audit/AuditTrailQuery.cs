using GraphQL;
using GraphQL.Types;
using JasperFx.Events;
using Marten;
using Platform.Api.Audit.Graph;
using Platform.Api.Courses;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Projections.Commerce;
using Platform.Projections.Courses;
using Platform.Projections.Identity;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;

namespace Platform.Api.Audit;

/// <summary>The entities whose history can be read; each entity's id is its event stream's id.</summary>
public enum AuditEntityType { Purchase, Payout, Subscription, User, Course, Community, Membership, Enrolment, Ticket, DeadLetter }

public static class AuditTrailQuery
{
    /// <summary>Whether the id names an entity of that type: its own document exists (read from the events where that one is async).</summary>
    private static async Task<bool> Exists(IQuerySession reads, AuditEntityType type, Guid id, CancellationToken cancellation) => type switch
    {
        AuditEntityType.Purchase => await reads.LoadAsync<PurchaseView>(id, cancellation) is not null,
        AuditEntityType.Subscription => await reads.LoadAsync<SubscriptionView>(id, cancellation) is not null,
        AuditEntityType.User => await reads.LoadAsync<UserAccount>(id, cancellation) is not null,
        AuditEntityType.Course => await OutlineCache.Load(reads, id, cancellation) is not null,
        AuditEntityType.Enrolment => await reads.LoadAsync<EnrolmentView>(id, cancellation) is not null,
        AuditEntityType.Community => await reads.Events.QueryRawEventDataOnly<Contracts.Communities.CommunityCreated>().AnyAsync(e => e.CommunityId == id, cancellation),
        AuditEntityType.Membership => await reads.Events.AggregateStreamAsync<Communities.Membership>(id, token: cancellation) is not null,
        AuditEntityType.Payout => await reads.LoadAsync<PayoutView>(id, cancellation) is not null,
        AuditEntityType.Ticket => await reads.LoadAsync<Projections.Help.TicketView>(id, cancellation) is not null,
        // A dead letter has a stream only once an admin replayed or discarded it.
        AuditEntityType.DeadLetter => await reads.Events.FetchStreamStateAsync(id, cancellation) is not null,
        _ => false,
    };

    public static void AddAuditTrailQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<AuditEntryGraphType, IEvent>>>("auditTrail")
            .Description("Every event of one entity, oldest first, with its actor, correlation, causation and source (FAUD).")
            .Argument<NonNullGraphType<EnumerationGraphType<AuditEntityType>>>("entityType")
            .Argument<NonNullGraphType<IdGraphType>>("entityId")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .AllowOwn(AuditAccess.ProductMoneyCreator, Audience.Creator)
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
