using GraphQL;
using GraphQL.Types;
using JasperFx.Events;
using Marten;

namespace Platform.Api.Audit.Graph;

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
