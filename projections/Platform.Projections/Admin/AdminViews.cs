using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Platform.Contracts.Admin;

namespace Platform.Projections.Admin;

/// <summary>A suspended user (id = user id); no document once restored. Inline: the suspension counts on the very next request.</summary>
public sealed class UserSuspension
{
    public Guid Id { get; set; }
    public string Reason { get; set; } = "";
    public Guid SuspendedBy { get; set; }
    public DateTimeOffset SuspendedAt { get; set; }
}

public sealed partial class UserSuspensionProjection : SingleStreamProjection<UserSuspension, Guid>
{
    public static UserSuspension Create(UserSuspended e) => new() { Id = e.UserId, Reason = e.Reason, SuspendedBy = e.SuspendedBy, SuspendedAt = e.SuspendedAt };

    public static bool ShouldDelete(UserUnsuspended e) => true;
}

/// <summary>A featured community (id = community id); no document once unfeatured.</summary>
public sealed class FeaturedCommunity
{
    public Guid Id { get; set; }
    public DateTimeOffset FeaturedAt { get; set; }
}

public sealed partial class FeaturedCommunityProjection : SingleStreamProjection<FeaturedCommunity, Guid>
{
    public static FeaturedCommunity Create(CommunityFeatured e) => new() { Id = e.CommunityId, FeaturedAt = e.FeaturedAt };

    public static bool ShouldDelete(CommunityUnfeatured e) => true;
}

public static class AdminProjections
{
    public static StoreOptions AddAdminProjections(this StoreOptions options)
    {
        options.Projections.Add<UserSuspensionProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<FeaturedCommunityProjection>(ProjectionLifecycle.Inline);
        // Active users (platformStats): async, as every event moves someone's last activity; a real column for the counts.
        options.Projections.Add(new UserActivityProjection(), ProjectionLifecycle.Async);
        options.Schema.For<UserActivity>().Duplicate(a => a.LastActiveAt);
        options.Projections.Add(new PlatformFiguresProjection(), ProjectionLifecycle.Async);
        options.Schema.For<PlatformFigures>().Duplicate(f => f.Hour);
        return options;
    }
}
