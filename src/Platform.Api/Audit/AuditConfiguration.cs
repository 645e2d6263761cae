using GraphQL.Types;

namespace Platform.Api.Audit;

/// <summary>
/// The Audit module's fields. Its stamping (the Marten listener, the envelope rule and the Wolverine middleware) is wired in
/// Infrastructure/EventStoreConfiguration.cs, beside the Marten and Wolverine options it extends.
/// </summary>
public static class AuditConfiguration
{
    public static void AddAuditQueries(this ObjectGraphType query) => query.AddAuditTrailQuery();
}
