using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;

namespace Platform.Api.Identity;

/// <summary>Null fields keep their current value.</summary>
public sealed record UpdateProfile(Guid UserId, string? Handle, string? DisplayName, string? Bio);

public static class UpdateProfileHandler
{
    /// <summary>Pure. A taken handle is refused by the unique index when the change commits.</summary>
    public static object[] Decide(UpdateProfile command, UserAccount user, DateTimeOffset now)
    {
        var handle = command.Handle?.Trim().ToLowerInvariant() ?? user.Handle;
        var displayName = command.DisplayName?.Trim() ?? user.DisplayName;
        var bio = command.Bio?.Trim() ?? user.Bio;
        if (!Handles.IsValid(handle))
            throw DomainException.Invalid($"A handle is {Handles.MinLength} to {Handles.MaxLength} lower-case letters, digits and underscores.");
        if (displayName.Length is 0 or > 80) throw DomainException.Invalid("A display name is 1 to 80 characters.");
        if (bio.Length > 1000) throw DomainException.Invalid("A bio is at most 1000 characters.");
        if (handle == user.Handle && displayName == user.DisplayName && bio == user.Bio) return [];
        return [new ProfileUpdated(user.Id, handle, displayName, bio, command.UserId, now)];
    }

    public static async Task Handle(UpdateProfile command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        var user = stream.Aggregate ?? throw DomainException.NotFound("The user");
        var events = Decide(command, user, clock.GetUtcNow());
        if (events.Length == 0) return;
        var handle = ((ProfileUpdated)events[0]).Handle;
        if (await session.Query<UserAccount>().AnyAsync(u => u.Handle == handle && u.Id != user.Id, cancellation))
            throw DomainException.Conflict("That handle is taken.");
        stream.AppendMany(events);
    }
}
