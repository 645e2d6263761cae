using GraphQL;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Courses;

namespace Platform.Api.Identity;

/// <summary>What "own" means, operation by operation (the meanings listed in ACCESS-MATRIX.md).</summary>
public static class Ownerships
{
    /// <summary>The operation acts on the caller's own data only.</summary>
    public static readonly Ownership Self = new("the caller's own data", (_, caller) => Task.FromResult(caller.IsSignedIn));

    /// <summary>An ACTIVE member of the community named by <paramref name="argument"/>, or its creator or moderator.</summary>
    public static Ownership CommunityMember(string argument) =>
        new($"an active member, creator or moderator of the community in '{argument}'",
            (context, caller) => IsCommunityMember(context.Reads(), caller, CommunityArgument(context, argument), context.CancellationToken));

    /// <summary>The creator or a moderator of the community named by <paramref name="argument"/>.</summary>
    public static Ownership CommunityStaff(string argument) =>
        new($"the creator or a moderator of the community in '{argument}'",
            (context, caller) => Task.FromResult(IsCommunityStaff(caller, CommunityArgument(context, argument))));

    /// <summary>The creator of the community named by <paramref name="argument"/>.</summary>
    public static Ownership CommunityCreator(string argument) =>
        new($"the creator of the community in '{argument}'",
            (context, caller) => Task.FromResult(CommunityArgument(context, argument) is { } id && caller.Holds(Role.Creator, id)));

    /// <summary>The caller holds an active membership or a pending request in the community named by <paramref name="argument"/>.</summary>
    public static Ownership MembershipHolder(string argument) =>
        new($"an active member or applicant of the community in '{argument}'", async (context, caller) =>
            CommunityArgument(context, argument) is { } id && caller.UserId is { } userId
            && (await context.Reads().Events.AggregateStreamAsync<MembershipView>(DeterministicId.Membership(id, userId), token: context.CancellationToken))
                ?.Status is MembershipStatus.Active or MembershipStatus.Pending);

    /// <summary>The creator or a moderator of the community that the membership named by <paramref name="argument"/> belongs to.</summary>
    public static Ownership StaffOfMembership(string argument) =>
        new($"the creator or a moderator of the community of the membership in '{argument}'", async (context, caller) =>
            Guid.TryParse(context.GetArgument<string?>(argument), out var membershipId)
            && await context.Reads().Events.AggregateStreamAsync<MembershipView>(membershipId, token: context.CancellationToken) is { } membership
            && IsCommunityStaff(caller, membership.CommunityId), HideOthers: true);

    /// <summary>The creator of the community that owns the course, module or lesson named by <paramref name="argument"/>.</summary>
    public static Ownership CourseCreator(string argument) =>
        new($"the creator of the community of the course, module or lesson in '{argument}'", async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>(argument), out var id)) return false;
            var reads = context.Reads();
            var course = await reads.LoadAsync<CourseOutline>(id, context.CancellationToken)
                ?? await Courses.CourseBuildingHandler.CourseContaining(reads, id, context.CancellationToken);
            return course is not null && caller.Holds(Role.Creator, course.CommunityId);
        }, HideOthers: true);

    public static bool IsCommunityStaff(Caller caller, Guid? communityId) =>
        communityId is { } id && (caller.Holds(Role.Creator, id) || caller.Holds(Role.Moderator, id));

    /// <summary>Reads the membership stream itself, so a member who joined a moment ago is already one.</summary>
    public static async Task<bool> IsCommunityMember(IQuerySession reads, Caller caller, Guid? communityId, CancellationToken cancellation)
    {
        if (communityId is not { } id || caller.UserId is not { } userId) return false;
        if (IsCommunityStaff(caller, id)) return true;
        var membership = await reads.Events.AggregateStreamAsync<MembershipView>(DeterministicId.Membership(id, userId), token: cancellation);
        return membership?.Status == MembershipStatus.Active;
    }

    private static IQuerySession Reads(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IQuerySession>();

    private static Guid? CommunityArgument(IResolveFieldContext context, string argument) =>
        Guid.TryParse(context.GetArgument<string?>(argument), out var id) ? id : null;
}
