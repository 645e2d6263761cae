using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Privacy;

public sealed record SetErasedAccountRetention(int Days, Guid SetBy);

public static class SetErasedAccountRetentionField
{
    public static void AddSetErasedAccountRetention(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<IntGraphType>>("setErasedAccountRetention")
            .Description("How many days an erased account's non-ledger events stay before the daily purge removes them (ledger events stay for good). Answers the days now in force.")
            .Argument<NonNullGraphType<IntGraphType>>("days", $"1 to {ErasedAccountRetention.MaxDays}.")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                await c.Commands().InvokeAsync(new SetErasedAccountRetention(c.GetArgument<int>("days"), c.UserId()), c.CancellationToken);
                return (await c.Reads().Events.AggregateStreamAsync<ErasedAccountRetention>(ErasedAccountRetention.StreamId, token: c.CancellationToken))?.Days;
            });
}

public static class SetErasedAccountRetentionHandler
{
    public static async Task Handle(SetErasedAccountRetention command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<ErasedAccountRetention>(ErasedAccountRetention.StreamId, cancellation);
        stream.AppendMany(ErasedAccountRetention.Set(stream.Aggregate, command.Days, command.SetBy, clock.GetUtcNow()));
    }
}
