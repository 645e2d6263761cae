using Marten;

namespace Platform.Api.Identity;

/// <summary>
/// Who holds ADMIN, kept beside the grant events with optimistic concurrency: two admins revoking
/// each other at once cannot both succeed, so the platform never loses its last admin.
/// </summary>
public sealed class AdminRoster
{
    public const string TheId = "admins";
    public string Id { get; set; } = TheId;
    public List<Guid> Admins { get; set; } = [];

    public static async Task<AdminRoster> Load(IDocumentSession session, CancellationToken cancellation) =>
        await session.LoadAsync<AdminRoster>(TheId, cancellation) ?? new AdminRoster();

    public static async Task Add(IDocumentSession session, Guid userId, CancellationToken cancellation)
    {
        var roster = await Load(session, cancellation);
        if (!roster.Admins.Contains(userId)) roster.Admins.Add(userId);
        session.Store(roster);
    }
}
