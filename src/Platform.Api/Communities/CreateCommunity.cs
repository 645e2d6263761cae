using System.Text.RegularExpressions;
using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;

namespace Platform.Api.Communities;

/// <summary>With a <c>ParentId</c>, a sub-community: its creator must be the parent's creator.</summary>
public sealed record CreateCommunity(
    Guid CommunityId, string Name, string Slug, string Description, CommunityVisibility Visibility,
    JoinPolicy JoinPolicy, Guid CreatedBy, Guid? ParentId = null);

/// <summary>Claims a slug: the document's id is the slug, so a second claim fails in the same transaction.</summary>
public sealed record SlugClaim(string Id, Guid CommunityId);

public static partial class CreateCommunityHandler
{
    public const int DefaultFeePercent = 15;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$")]
    private static partial Regex SlugPattern();

    /// <summary>Pure: the events that create a community and make its creator the first member.
    /// Sub-communities are one level deep, and only the parent's creator makes them.</summary>
    public static object[] Decide(CreateCommunity command, Community? parent, DateTimeOffset now)
    {
        if (command.ParentId is not null)
        {
            if (parent is null) throw DomainException.NotFound("The parent community");
            if (parent.ParentId is not null) throw DomainException.Invalid("Sub-communities are one level deep.");
            if (parent.CreatorId != command.CreatedBy) throw new DomainException(ErrorCodes.Forbidden, "Only the parent's creator makes sub-communities.");
        }
        CommunitySettings.CheckName(command.Name);
        if (!SlugPattern().IsMatch(command.Slug))
            throw DomainException.Invalid("A slug is 3 to 50 lower-case letters, digits and hyphens, starting and ending with a letter or digit.");
        CommunitySettings.CheckDescription(command.Description);
        var membershipId = DeterministicId.Membership(command.CommunityId, command.CreatedBy);
        return
        [
            new CommunityCreated(command.CommunityId, command.Name.Trim(), command.Slug, command.Description.Trim(),
                command.Visibility, command.JoinPolicy, DefaultFeePercent, command.ParentId, command.CreatedBy, now),
            new MemberJoined(membershipId, command.CommunityId, command.CreatedBy, now),
        ];
    }

    public static async Task<CommunityCard> Handle(CreateCommunity command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var parent = command.ParentId is { } parentId ? await session.Events.FetchLatest<Community>(parentId, cancellation) : null;
        var events = Decide(command, parent, clock.GetUtcNow());
        var created = (CommunityCreated)events[0];
        var joined = (MemberJoined)events[1];
        session.Insert(new SlugClaim(command.Slug, command.CommunityId));
        session.Events.StartStream<Community>(command.CommunityId, created);
        session.Events.StartStream<MembershipView>(joined.MembershipId, joined);
        session.Events.Append(command.CreatedBy, new RoleGranted(command.CreatedBy, Role.Creator, command.CommunityId,
            "Created the community", null, created.CreatedAt));
        return CommunityCard.From(created, memberCount: 1);
    }
}
