using GraphQL.Types;
using Marten;
using Platform.Api.Admin.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Admin;
using Wolverine;
using Wolverine.Runtime;

namespace Platform.Api.Admin;

public sealed record ReplayDeadLetter(Guid DeadLetterId, Guid By);

public static class ReplayDeadLetterField
{
    public static void AddReplayDeadLetter(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DeadLetterGraphType>>("replayDeadLetter")
            .Description("Sends a dead letter back to its queue to be handled again (Wolverine moves it within seconds); recorded with the admin in the audit trail (entityType DEAD_LETTER).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
                await c.Commands().InvokeAsync<DeadLetter>(new ReplayDeadLetter(c.IdArgument("id"), c.UserId()), c.CancellationToken));
}

public static class ReplayDeadLetterHandler
{
    /// <summary>Marked replayable before the audit event commits: a failed commit leaves a replay unrecorded, never a recorded replay undone.</summary>
    public static async Task<DeadLetter> Handle(ReplayDeadLetter command, IDocumentSession session, IWolverineRuntime runtime, TimeProvider clock,
        CancellationToken cancellation)
    {
        var letter = await DeadLetters.Find(runtime, command.DeadLetterId);
        await runtime.Storage.DeadLetters.ReplayAsync(DeadLetters.Only(letter.Id), cancellation);
        session.Events.Append(letter.Id, new DeadLetterReplayed(letter.Id, letter.MessageType, letter.ExceptionType, command.By, clock.GetUtcNow()));
        return letter with { Replayable = true };
    }
}
