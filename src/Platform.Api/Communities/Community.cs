using System.Text.RegularExpressions;
using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;

namespace Platform.Api.Communities;

/// <summary>
/// The community stream: its write model (creation, settings, level names) and its pure rules, <c>now</c> passed in.
/// Mutations answer from it, so a change shows at once even before the async <c>CommunityCard</c> has caught up.
/// </summary>
public sealed partial record Community(
    Guid Id, string Name, string Slug, string Description, CommunityVisibility Visibility, JoinPolicy JoinPolicy,
    Guid CreatorId, Guid? ParentId, int FeePercent, IReadOnlyList<string> LevelNames, DateTimeOffset CreatedAt,
    ErasedMemberContent ErasedMemberContent = ErasedMemberContent.ShowAsDeletedMember)
{
    public const int DefaultFeePercent = 15;
    public const int MaxLevels = 9;

    public static Community Create(CommunityCreated e) =>
        new(e.CommunityId, e.Name, e.Slug, e.Description, e.Visibility, e.JoinPolicy, e.CreatedBy, e.ParentId, e.FeePercent, [], e.CreatedAt);

    public Community Apply(CommunitySettingsChanged e) => this with
    {
        Name = e.Name ?? Name,
        Description = e.Description ?? Description,
        Visibility = e.Visibility ?? Visibility,
        JoinPolicy = e.JoinPolicy ?? JoinPolicy,
        ErasedMemberContent = e.ErasedMemberContent ?? ErasedMemberContent,
    };

    public Community Apply(LevelNamesSet e) => this with { LevelNames = e.Names };

    public static async Task<Community> Load(IDocumentSession session, Guid communityId, CancellationToken cancellation) =>
        await session.Events.FetchLatest<Community>(communityId, cancellation) ?? throw DomainException.NotFound("The community");

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$")]
    private static partial Regex SlugPattern();

    /// <summary>The events that create a community and make its creator the first member.
    /// Sub-communities are one level deep, and only the parent's creator makes them.</summary>
    public static object[] Start(CreateCommunity command, Community? parent, DateTimeOffset now)
    {
        if (command.ParentId is not null)
        {
            if (parent is null) throw DomainException.NotFound("The parent community");
            if (parent.ParentId is not null) throw DomainException.Invalid("Sub-communities are one level deep.");
            if (parent.CreatorId != command.CreatedBy) throw new DomainException(ErrorCodes.Forbidden, "Only the parent's creator makes sub-communities.");
        }
        CheckName(command.Name);
        if (!SlugPattern().IsMatch(command.Slug))
            throw DomainException.Invalid("A slug is 3 to 50 lower-case letters, digits and hyphens, starting and ending with a letter or digit.");
        CheckDescription(command.Description);
        return
        [
            new CommunityCreated(command.CommunityId, command.Name.Trim(), command.Slug, command.Description.Trim(),
                command.Visibility, command.JoinPolicy, DefaultFeePercent, command.ParentId, command.CreatedBy, now),
            new MemberJoined(DeterministicId.Membership(command.CommunityId, command.CreatedBy), command.CommunityId, command.CreatedBy, now),
        ];
    }

    /// <summary>One event naming only what changed (and who changed it), or none.</summary>
    public static object[] ChangeSettings(UpdateCommunitySettings command, Community community, DateTimeOffset now)
    {
        if (command.Name is not null) CheckName(command.Name);
        if (command.Description is not null) CheckDescription(command.Description);
        var name = command.Name?.Trim() is { } n && n != community.Name ? n : null;
        var description = command.Description?.Trim() is { } d && d != community.Description ? d : null;
        var visibility = command.Visibility is { } v && v != community.Visibility ? v : (CommunityVisibility?)null;
        var policy = command.JoinPolicy is { } p && p != community.JoinPolicy ? p : (JoinPolicy?)null;
        var erased = command.ErasedMemberContent is { } e && e != community.ErasedMemberContent ? e : (ErasedMemberContent?)null;
        if (name is null && description is null && visibility is null && policy is null && erased is null) return [];
        return [new CommunitySettingsChanged(command.CommunityId, name, description, visibility, policy, command.ChangedBy, now, erased)];
    }

    /// <summary>1 to 9 level names, each 1 to 30 characters.</summary>
    public static object[] NameLevels(SetLevelNames command, DateTimeOffset now)
    {
        var names = command.Names.Select(n => n.Trim()).ToList();
        if (names.Count is 0 or > MaxLevels || names.Any(n => n.Length is 0 or > 30))
            throw DomainException.Invalid($"Give 1 to {MaxLevels} level names of 1 to 30 characters each.");
        return [new LevelNamesSet(command.CommunityId, names, command.SetBy, now)];
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 80) throw DomainException.Invalid("A community name is 1 to 80 characters.");
    }

    private static void CheckDescription(string description)
    {
        if (description.Length > 2000) throw DomainException.Invalid("A description is at most 2000 characters.");
    }
}
