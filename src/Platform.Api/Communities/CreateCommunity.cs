using System.Text.RegularExpressions;
using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;

namespace Platform.Api.Communities;

public sealed record CreateCommunity(
    Guid CommunityId, string Name, string Slug, string Description, CommunityVisibility Visibility,
    JoinPolicy JoinPolicy, Guid CreatedBy);

/// <summary>Claims a slug: the document's id is the slug, so a second claim fails in the same transaction.</summary>
public sealed record SlugClaim(string Id, Guid CommunityId);

public static partial class CreateCommunityHandler
{
    public const int DefaultFeePercent = 15;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$")]
    private static partial Regex SlugPattern();

    /// <summary>Pure: the events that create a community and make its creator the first member.</summary>
    public static object[] Decide(CreateCommunity command, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Trim().Length > 80)
            throw DomainException.Invalid("A community name is 1 to 80 characters.");
        if (!SlugPattern().IsMatch(command.Slug))
            throw DomainException.Invalid("A slug is 3 to 50 lower-case letters, digits and hyphens, starting and ending with a letter or digit.");
        if (command.Description.Length > 2000)
            throw DomainException.Invalid("A description is at most 2000 characters.");
        var membershipId = DeterministicId.Membership(command.CommunityId, command.CreatedBy);
        return
        [
            new CommunityCreated(command.CommunityId, command.Name.Trim(), command.Slug, command.Description.Trim(),
                command.Visibility, command.JoinPolicy, DefaultFeePercent, null, command.CreatedBy, now),
            new MemberJoined(membershipId, command.CommunityId, command.CreatedBy, now),
        ];
    }

    public static CommunityCard Handle(CreateCommunity command, IDocumentSession session, TimeProvider clock)
    {
        var events = Decide(command, clock.GetUtcNow());
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
