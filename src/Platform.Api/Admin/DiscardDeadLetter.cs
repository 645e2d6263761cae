using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Admin.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Admin;
using Wolverine;
using Wolverine.Runtime;

namespace Platform.Api.Admin;

public sealed record DiscardDeadLetter(Guid DeadLetterId, string Reason, Guid By);

public static class DiscardDeadLetterField
{
    public const int MaxReason = 500;

    public static void AddDiscardDeadLetter(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DeadLetterGraphType>>("discardDeadLetter")
            .Description("Deletes a dead letter for good (its message is never handled); recorded with the admin and the reason in the audit trail (entityType DEAD_LETTER). Answers the letter as it was.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason", $"Why it may be thrown away; 1 to {MaxReason} characters.")
            .Allow(Audience.Admin)
            .ResolveAsync(async c => await c.Commands().InvokeAsync<DeadLetter>(
                new DiscardDeadLetter(c.IdArgument("id"), c.GetArgument<string>("reason"), c.UserId()), c.CancellationToken));
}

public static class DiscardDeadLetterHandler
{
    public static async Task<DeadLetter> Handle(DiscardDeadLetter command, IDocumentSession session, IWolverineRuntime runtime, TimeProvider clock,
        CancellationToken cancellation)
    {
        var reason = command.Reason.Trim();
        if (reason.Length is 0 or > DiscardDeadLetterField.MaxReason) throw DomainException.Invalid($"Give a reason of 1 to {DiscardDeadLetterField.MaxReason} characters.");
        var letter = await DeadLetters.Find(runtime, command.DeadLetterId);
        await runtime.Storage.DeadLetters.DiscardAsync(DeadLetters.Only(letter.Id), cancellation);
        session.Events.Append(letter.Id, new DeadLetterDiscarded(letter.Id, letter.MessageType, letter.ExceptionType, reason, command.By, clock.GetUtcNow()));
        return letter;
    }
}
