using JasperFx.Events.Projections;
using Marten;
using Platform.Projections.Communities;

namespace Platform.Projections;

public static class ProjectionsConfiguration
{
    /// <summary>Registers every read model as an async projection run by the daemon.</summary>
    public static StoreOptions AddPlatformProjections(this StoreOptions options)
    {
        options.Projections.Add<CommunityCardProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<MembershipViewProjection>(ProjectionLifecycle.Async);
        options.Schema.For<CommunityCard>().UniqueIndex(c => c.Slug).Index(c => c.Sequence);
        options.Schema.For<MembershipView>().Index(m => m.CommunityId).Index(m => m.UserId);
        return options;
    }
}
