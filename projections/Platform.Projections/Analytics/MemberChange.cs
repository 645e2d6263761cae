using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.Contracts.Communities;

namespace Platform.Projections.Analytics;

public enum MemberChangeKind { Joined, Left, Banned }

/// <summary>One change in a community's membership (ANLY member growth): a join, a departure (left or lapsed), a ban. Its id is the event's.</summary>
public sealed class MemberChange
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public Guid UserId { get; set; }
    public Guid MembershipId { get; set; }
    public MemberChangeKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>Async, rebuildable: a replay writes the same rows under the same ids.</summary>
public sealed partial class MemberChangeProjection : EventProjection
{
    public MemberChangeProjection()
    {
        IncludeType<MemberJoined>();
        IncludeType<MemberLeft>();
        IncludeType<MembershipLapsed>();
        IncludeType<MemberBanned>();
        // Marten cannot tell which documents an EventProjection writes: named, a rebuild starts from an empty table
        // (rows of purged events go, and the inserts below meet no old row).
        Options.DeleteViewTypeOnTeardown(typeof(MemberChange));
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        MemberChange? change = e.Data switch
        {
            MemberJoined x => Row(x.MembershipId, x.CommunityId, x.UserId, MemberChangeKind.Joined, x.JoinedAt),
            MemberLeft { WasActive: true } x => Row(x.MembershipId, x.CommunityId, x.UserId, MemberChangeKind.Left, x.LeftAt),
            MembershipLapsed x => Row(x.MembershipId, x.CommunityId, x.UserId, MemberChangeKind.Left, x.LapsedAt),
            MemberBanned x => Row(x.MembershipId, x.CommunityId, x.UserId, MemberChangeKind.Banned, x.BannedAt),
            _ => null,
        };
        if (change is not null)
        {
            change.Id = e.Id;
            // One row per event, written once: the daemon commits it with its progress, so a batch is never applied twice, and a
            // rebuild starts from an empty table. Inserts let a rebuild copy the rows in (RebuildWithBulkCopy).
            operations.Insert(change);
        }
        return ValueTask.CompletedTask;
    }

    private static MemberChange Row(Guid membership, Guid community, Guid user, MemberChangeKind kind, DateTimeOffset at) =>
        new() { MembershipId = membership, CommunityId = community, UserId = user, Kind = kind, At = at };
}
