using Platform.Api.Infrastructure;
using Platform.Contracts.Chat;

namespace Platform.Api.Chat;

/// <summary>The write model of one person blocking another.</summary>
public sealed record Block(bool Active)
{
    public static Block Create(UserBlocked e) => new(true);

    public Block Apply(UserBlocked e) => this with { Active = true };

    public Block Apply(UserUnblocked e) => this with { Active = false };
}

public static class Blocks
{
    /// <summary>Blocking again changes nothing; nobody blocks themself.</summary>
    public static object[] Block(Block? current, Guid blockerId, Guid blockedId, DateTimeOffset now)
    {
        if (blockerId == blockedId) throw DomainException.Invalid("You cannot block yourself.");
        return current is { Active: true } ? [] : [new UserBlocked(Contracts.DeterministicId.Block(blockerId, blockedId), blockerId, blockedId, now)];
    }

    public static object[] Unblock(Block? current, Guid blockerId, Guid blockedId, DateTimeOffset now) =>
        current is { Active: true } ? [new UserUnblocked(Contracts.DeterministicId.Block(blockerId, blockedId), blockerId, blockedId, now)] : [];
}
