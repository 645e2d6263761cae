using Platform.Api.Identity.Graph;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Chat;

/// <summary>Blocks (or with <c>Blocked</c> false, unblocks) a user: no direct messages either way, no new group with them.</summary>
public sealed record BlockUser(Guid BlockerId, Guid BlockedId, bool Blocked);

public static class BlockUserHandler
{
    public static async Task Handle(BlockUser command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        if (await session.LoadAsync<UserAccount>(command.BlockedId, cancellation) is null) throw DomainException.NotFound("The user");
        var stream = await session.Events.FetchForWriting<Block>(DeterministicId.Block(command.BlockerId, command.BlockedId), cancellation);
        stream.AppendMany(command.Blocked
            ? Blocks.Block(stream.Aggregate, command.BlockerId, command.BlockedId, clock.GetUtcNow())
            : Blocks.Unblock(stream.Aggregate, command.BlockerId, command.BlockedId, clock.GetUtcNow()));
    }
}

public static class BlockUserField
{
    public static void AddBlockUser(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UserGraphType>>("blockUser")
            .Description("Blocks a user (or unblocks with blocked: false): direct messages stop both ways. Answers with that user.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<BooleanGraphType>("blocked", "Default true.")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var userId = c.IdArgument("userId");
                await c.Commands().InvokeAsync(new BlockUser(c.UserId(), userId, c.GetArgument("blocked", true)), c.CancellationToken);
                return await c.Reads().LoadAsync<UserAccount>(userId, c.CancellationToken);
            });
}
