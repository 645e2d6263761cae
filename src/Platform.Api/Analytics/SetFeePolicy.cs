using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Analytics.Graph;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Projections.Analytics;

namespace Platform.Api.Analytics;

public sealed record FeePolicyInput(int Percent, DateTimeOffset? EffectiveAt);

/// <summary>A new version of a community's platform fee; <c>EffectiveAt</c> null means now.</summary>
public sealed record SetFeePolicy(Guid CommunityId, int Percent, DateTimeOffset? EffectiveAt, Guid SetBy);

/// <summary>The community's fee policy as set, with the fee in force now.</summary>
public sealed record FeePolicyState(Guid CommunityId, int PercentInForce, IReadOnlyList<FeePolicyVersion> Versions);

public static class SetFeePolicyField
{
    public static void AddSetFeePolicy(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<FeePolicyGraphType>>("setFeePolicy")
            .Description("Sets the community's platform fee from 'effectiveAt' (default now); checkouts started before keep the fee they fixed.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<FeePolicyInputGraphType>>("input")
            .AllowFeeAdmins()
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                var input = c.GetArgument<FeePolicyInput>("input");
                await c.Commands().InvokeAsync(new SetFeePolicy(communityId, input.Percent, input.EffectiveAt, c.UserId()), c.CancellationToken);
                return await State(c.Reads(), communityId, c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow(), c.CancellationToken);
            });

    public static async Task<FeePolicyState> State(IQuerySession reads, Guid communityId, DateTimeOffset now, CancellationToken cancellation)
    {
        var community = await reads.Events.AggregateStreamAsync<Community>(communityId, token: cancellation)
                        ?? throw Infrastructure.DomainException.NotFound("The community");
        var policy = await reads.LoadAsync<FeePolicyView>(communityId, cancellation);
        return new FeePolicyState(communityId, FeePolicy.InForce(policy, community.FeePercent, now), policy?.Versions ?? []);
    }
}

/// <summary>Appends the version to the community's stream (so its audit trail shows who changed the fee, from what, to what).</summary>
public static class SetFeePolicyHandler
{
    public static async Task Handle(SetFeePolicy command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var community = await Community.Load(session, command.CommunityId, cancellation);
        var stream = await session.Events.FetchForWriting<FeePolicyView>(command.CommunityId, cancellation);
        stream.AppendOne(FeePolicy.Set(stream.Aggregate, community.FeePercent, command, clock.GetUtcNow()));
    }
}
