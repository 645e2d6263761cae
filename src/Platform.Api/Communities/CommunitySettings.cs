using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;

namespace Platform.Api.Communities;

/// <summary>Null fields keep their current value.</summary>
public sealed record UpdateCommunitySettings(
    Guid CommunityId, string? Name, string? Description, CommunityVisibility? Visibility, JoinPolicy? JoinPolicy, Guid ChangedBy);

public sealed record SetLevelNames(Guid CommunityId, IReadOnlyList<string> Names, Guid SetBy);

public static class CommunitySettings
{
    public const int MaxLevels = 9;

    public static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 80) throw DomainException.Invalid("A community name is 1 to 80 characters.");
    }

    public static void CheckDescription(string description)
    {
        if (description.Length > 2000) throw DomainException.Invalid("A description is at most 2000 characters.");
    }

    /// <summary>Pure: one event naming only what changed (and who changed it), or none.</summary>
    public static object[] Decide(UpdateCommunitySettings command, Community community, DateTimeOffset now)
    {
        if (command.Name is not null) CheckName(command.Name);
        if (command.Description is not null) CheckDescription(command.Description);
        var name = command.Name?.Trim() is { } n && n != community.Name ? n : null;
        var description = command.Description?.Trim() is { } d && d != community.Description ? d : null;
        var visibility = command.Visibility is { } v && v != community.Visibility ? v : (CommunityVisibility?)null;
        var policy = command.JoinPolicy is { } p && p != community.JoinPolicy ? p : (JoinPolicy?)null;
        if (name is null && description is null && visibility is null && policy is null) return [];
        return [new CommunitySettingsChanged(command.CommunityId, name, description, visibility, policy, command.ChangedBy, now)];
    }

    /// <summary>Pure: 1 to 9 level names, each 1 to 30 characters.</summary>
    public static object[] Decide(SetLevelNames command, DateTimeOffset now)
    {
        var names = command.Names.Select(n => n.Trim()).ToList();
        if (names.Count is 0 or > MaxLevels || names.Any(n => n.Length is 0 or > 30))
            throw DomainException.Invalid($"Give 1 to {MaxLevels} level names of 1 to 30 characters each.");
        return [new LevelNamesSet(command.CommunityId, names, command.SetBy, now)];
    }
}

public static class CommunitySettingsHandler
{
    public static async Task Handle(UpdateCommunitySettings command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Community>(command.CommunityId, cancellation);
        var community = stream.Aggregate ?? throw DomainException.NotFound("The community");
        stream.AppendMany(CommunitySettings.Decide(command, community, clock.GetUtcNow()));
    }

    public static async Task Handle(SetLevelNames command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Community>(command.CommunityId, cancellation);
        if (stream.Aggregate is null) throw DomainException.NotFound("The community");
        stream.AppendMany(CommunitySettings.Decide(command, clock.GetUtcNow()));
    }
}
