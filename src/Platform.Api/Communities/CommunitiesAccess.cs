using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Identity;

namespace Platform.Api.Communities;

/// <summary>
/// Who may see or do what in a community, for the whole platform: the one definition of staff (a creator or moderator
/// grant on the user's account), the one "inside a community" check (staff, or an active membership read from the
/// inline membership view, so a join a moment ago counts), and the community rows of the access matrix.
/// </summary>
public static class CommunitiesAccess
{
    /// <summary>Staff of a community: its creator or a moderator.</summary>
    public static bool IsStaff(UserAccount? account, Guid? communityId) =>
        communityId is { } id && account is not null && (account.Holds(Role.Creator, id) || account.Holds(Role.Moderator, id));

    /// <summary>The membership as committed: its view is inline, one read by primary key (no events folded).</summary>
    public static Task<MembershipView?> MembershipOf(IQuerySession reads, Guid communityId, Guid userId, CancellationToken cancellation) =>
        reads.LoadAsync<MembershipView>(DeterministicId.Membership(communityId, userId), cancellation);

    /// <summary>Inside a community: its staff, or an active member.</summary>
    public static async Task<bool> IsInside(IQuerySession reads, UserAccount? account, Guid? communityId, CancellationToken cancellation) =>
        communityId is { } id && account is not null
        && (IsStaff(account, id) || (await MembershipOf(reads, id, account.Id, cancellation))?.Status == MembershipStatus.Active);

    /// <summary>For handlers, which know the user by id only.</summary>
    public static async Task<bool> IsInside(IQuerySession reads, Guid userId, Guid communityId, CancellationToken cancellation) =>
        await IsInside(reads, await reads.LoadAsync<UserAccount>(userId, cancellation), communityId, cancellation);

    /// <summary>Taking part (posting, commenting, reacting) needs being inside; a banned member is told so.</summary>
    public static async Task RequireParticipant(IQuerySession reads, Guid communityId, Guid userId, CancellationToken cancellation) =>
        await RequireParticipant(reads, await MembershipOf(reads, communityId, userId, cancellation), communityId, userId, cancellation);

    /// <summary>The same, for a handler that has loaded the membership already (with its other reads, in one round trip).</summary>
    public static async Task RequireParticipant(IQuerySession reads, MembershipView? membership, Guid communityId, Guid userId, CancellationToken cancellation)
    {
        var status = membership?.Status;
        if (status == MembershipStatus.Banned) throw new DomainException(ErrorCodes.Forbidden, "You are banned from this community.");
        if (status != MembershipStatus.Active && !IsStaff(await reads.LoadAsync<UserAccount>(userId, cancellation), communityId))
            throw new DomainException(ErrorCodes.Forbidden, "Join the community to take part.");
    }

    /// <summary>A sub-community's members must be active members of its parent.</summary>
    public static async Task<bool> IsActiveMemberOfParent(IQuerySession reads, Community community, Guid userId, CancellationToken cancellation) =>
        community.ParentId is not { } parentId || (await MembershipOf(reads, parentId, userId, cancellation))?.Status == MembershipStatus.Active;

    /// <summary>A public community is readable by anyone; a private one only from inside. Decided on the community's
    /// stream, not its async card, so a community created a moment ago (on any node) is readable at once.</summary>
    public static async Task<bool> MayRead(IQuerySession reads, Caller caller, Guid communityId, CancellationToken cancellation) =>
        await reads.Events.AggregateStreamAsync<Community>(communityId, token: cancellation) is { Visibility: CommunityVisibility.Public }
        || await IsInside(reads, caller.Account, communityId, cancellation);

    /// <summary>The card, or null when the caller may not see it: every edge to a community goes through here, so a
    /// private community does not reveal that it exists.</summary>
    public static async Task<CommunityCard?> Visible(IResolveFieldContext context, CommunityCard? card) =>
        card is not null && (card.Visibility == CommunityVisibility.Public
                             || await IsInside(context.Reads(), context.Caller().Account, card.Id, context.CancellationToken))
            ? card
            : null;

    /// <summary>An ACTIVE member of the community named by <paramref name="argument"/>, or its creator or moderator.</summary>
    public static Ownership Member(string argument) =>
        new($"an active member, creator or moderator of the community in '{argument}'",
            (context, caller) => IsInside(context.Reads(), caller.Account, IdIn(context, argument), context.CancellationToken));

    /// <summary>The creator or a moderator of the community named by <paramref name="argument"/>.</summary>
    public static Ownership Staff(string argument) =>
        new($"the creator or a moderator of the community in '{argument}'",
            (context, caller) => Task.FromResult(IsStaff(caller.Account, IdIn(context, argument))));

    /// <summary>The creator of the community named by <paramref name="argument"/>.</summary>
    public static Ownership Creator(string argument) =>
        new($"the creator of the community in '{argument}'",
            (context, caller) => Task.FromResult(IdIn(context, argument) is { } id && caller.Holds(Role.Creator, id)));

    /// <summary>The caller holds an active membership or a pending request in the community named by <paramref name="argument"/>.</summary>
    public static Ownership MembershipHolder(string argument) =>
        new($"an active member or applicant of the community in '{argument}'", async (context, caller) =>
            IdIn(context, argument) is { } id && caller.UserId is { } userId
            && (await MembershipOf(context.Reads(), id, userId, context.CancellationToken))?.Status is MembershipStatus.Active or MembershipStatus.Pending);

    /// <summary>The creator or a moderator of the community that the membership named by <paramref name="argument"/> belongs to.</summary>
    public static Ownership StaffOfMembership(string argument) =>
        new($"the creator or a moderator of the community of the membership in '{argument}'", async (context, caller) =>
            IdIn(context, argument) is { } membershipId
            && await context.Reads().Events.AggregateStreamAsync<Membership>(membershipId, token: context.CancellationToken) is { } membership
            && IsStaff(caller.Account, membership.CommunityId), HideOthers: true);

    private static Guid? IdIn(IResolveFieldContext context, string argument) =>
        Guid.TryParse(context.GetArgument<string?>(argument), out var id) ? id : null;
}
