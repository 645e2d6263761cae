using Platform.Api.Communities;
using GraphQL;
using Marten;
using Platform.Api.Identity;

namespace Platform.Api.Calendar;

/// <summary>Who may see or do what with events: the community's members see and answer them, its creator and moderators run them.</summary>
public static class CalendarAccess
{
    /// <summary>The creator or a moderator of the community of the event named by <paramref name="argument"/>.</summary>
    public static Ownership EventStaff(string argument) =>
        new($"the creator or a moderator of the community of the event in '{argument}'", async (context, caller) =>
            await EventOf(context, argument) is { } e && CommunitiesAccess.IsStaff(caller.Account, e.CommunityId), HideOthers: true);

    /// <summary>An active member, the creator or a moderator of the community of the event named by <paramref name="argument"/>.</summary>
    public static Ownership EventMember(string argument) =>
        new($"an active member, creator or moderator of the community of the event in '{argument}'", async (context, caller) =>
            await EventOf(context, argument) is { } e && await CommunitiesAccess.IsInside(Reads(context), caller.Account, e.CommunityId, context.CancellationToken),
            HideOthers: true);

    private static async Task<CalendarEvent?> EventOf(IResolveFieldContext context, string argument) =>
        Guid.TryParse(context.GetArgument<string?>(argument), out var id) ? await Reads(context).LoadAsync<CalendarEvent>(id, context.CancellationToken) : null;

    private static IQuerySession Reads(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IQuerySession>();
}
