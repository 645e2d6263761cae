using JasperFx.Events;
using Marten.Events.Projections;
using Platform.Contracts.Admin;
using Platform.Contracts.Communities;

namespace Platform.Projections.Communities;

/// <summary>A community as discovery (LAND) and its detail page show it.</summary>
public sealed class CommunityCard
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public CommunityVisibility Visibility { get; set; }
    public JoinPolicy JoinPolicy { get; set; }
    public ErasedMemberContent ErasedMemberContent { get; set; }
    public int FeePercent { get; set; }
    public Guid? ParentId { get; set; }
    public Guid CreatorId { get; set; }
    public int MemberCount { get; set; }
    public List<string> LevelNames { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Global event sequence of the creation, a stable key for cursor pagination.</summary>
    public long Sequence { get; set; }
    public bool Featured { get; set; }
    /// <summary>Discovery's order and cursor key, unique like the sequence: featured communities first, then newest first.</summary>
    public long DiscoveryRank { get; set; }

    public void Feature(bool featured) => (Featured, DiscoveryRank) = (featured, featured ? (1L << 60) + Sequence : Sequence);

    public static CommunityCard From(CommunityCreated e, int memberCount) => new()
    {
        Id = e.CommunityId,
        Name = e.Name,
        Slug = e.Slug,
        Description = e.Description,
        Visibility = e.Visibility,
        JoinPolicy = e.JoinPolicy,
        FeePercent = e.FeePercent,
        ParentId = e.ParentId,
        CreatorId = e.CreatedBy,
        MemberCount = memberCount,
        CreatedAt = e.CreatedAt,
    };
}

public sealed partial class CommunityCardProjection : MultiStreamProjection<CommunityCard, Guid>
{
    public CommunityCardProjection()
    {
        Identity<CommunityCreated>(e => e.CommunityId);
        Identity<CommunitySettingsChanged>(e => e.CommunityId);
        Identity<LevelNamesSet>(e => e.CommunityId);
        Identity<MemberJoined>(e => e.CommunityId);
        Identity<MemberLeft>(e => e.CommunityId);
        Identity<MembershipLapsed>(e => e.CommunityId);
        Identity<MemberBanned>(e => e.CommunityId);
        Identity<CommunityFeatured>(e => e.CommunityId);
        Identity<CommunityUnfeatured>(e => e.CommunityId);
    }

    public static void Apply(CommunityFeatured e, CommunityCard card) => card.Feature(true);

    public static void Apply(CommunityUnfeatured e, CommunityCard card) => card.Feature(false);

    // The creator's own MemberJoined follows in the same commit and counts them.
    public static CommunityCard Create(IEvent<CommunityCreated> e)
    {
        var card = CommunityCard.From(e.Data, memberCount: 0);
        card.Sequence = e.Sequence;
        card.Feature(false);
        return card;
    }

    public static void Apply(CommunitySettingsChanged e, CommunityCard card)
    {
        card.Name = e.Name ?? card.Name;
        card.Description = e.Description ?? card.Description;
        card.Visibility = e.Visibility ?? card.Visibility;
        card.JoinPolicy = e.JoinPolicy ?? card.JoinPolicy;
        card.ErasedMemberContent = e.ErasedMemberContent ?? card.ErasedMemberContent;
    }

    public static void Apply(LevelNamesSet e, CommunityCard card) => card.LevelNames = [.. e.Names];

    public static void Apply(MemberJoined e, CommunityCard card) => card.MemberCount++;

    public static void Apply(MemberLeft e, CommunityCard card)
    {
        if (e.WasActive) card.MemberCount--;
    }

    public static void Apply(MembershipLapsed e, CommunityCard card) => card.MemberCount--;

    public static void Apply(MemberBanned e, CommunityCard card)
    {
        if (e.WasActive) card.MemberCount--;
    }
}
