using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Moderation;
using Platform.Projections.Moderation;

namespace Platform.Api.Moderation;

public sealed record SetAutoHideThreshold(Guid CommunityId, int Threshold, Guid SetBy);

public static class SetAutoHideThresholdField
{
    /// <summary>One member alone must not be able to hide anything; past this many, automatic hiding would never happen.</summary>
    public const int MinThreshold = 2, MaxThreshold = 100;

    public static void AddSetAutoHideThreshold(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CommunityGraphType>>("setAutoHideThreshold")
            .Description("How many distinct members' open reports hide a post or comment until a moderator decides (the platform's default until set).")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<IntGraphType>>("threshold", $"{MinThreshold} to {MaxThreshold}.")
            .AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("communityId");
                await c.Commands().InvokeAsync(new SetAutoHideThreshold(id, c.GetArgument<int>("threshold"), c.UserId()), c.CancellationToken);
                return await CommunityReads.Current(c, id);
            });
}

public static class SetAutoHideThresholdHandler
{
    public static async Task Handle(SetAutoHideThreshold command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        if (command.Threshold is < SetAutoHideThresholdField.MinThreshold or > SetAutoHideThresholdField.MaxThreshold)
            throw DomainException.Invalid($"The threshold is {SetAutoHideThresholdField.MinThreshold} to {SetAutoHideThresholdField.MaxThreshold} members.");
        await Community.Load(session, command.CommunityId, cancellation);
        // On a stream of its own per community: the community's stream and its write model stay the Communities module's.
        session.Events.Append(Contracts.DeterministicId.From("moderation-settings", command.CommunityId.ToString()),
            new AutoHideThresholdSet(command.CommunityId, command.Threshold, command.SetBy, clock.GetUtcNow()));
    }
}
