using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

public sealed record Unreact(Guid TargetId, ReactionKind Kind, Guid UserId);

public static class UnreactField
{
    public static void AddUnreact(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PostGraphType>>("unreact")
            .Description("Answers with the post holding the target, its counts current.")
            .Argument<NonNullGraphType<IdGraphType>>("targetId")
            .Argument<NonNullGraphType<EnumerationGraphType<ReactionKind>>>("kind")
            .AllowOwn(SocialAccess.OnPost("targetId", write: true), SignedIn)
            .ResolveAsync(async c =>
            {
                var targetId = c.IdArgument("targetId");
                await c.Commands().InvokeAsync(new Unreact(targetId, c.GetArgument<ReactionKind>("kind"), c.UserId()), c.CancellationToken);
                return await SocialReads.PostHolding(c.Reads(), targetId, c.CancellationToken);
            });
}

public static class UnreactHandler
{
    public static async Task Handle(Unreact command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var post = await ReactionTarget.PostOf(session, command.TargetId, command.UserId, cancellation);
        var stream = await session.Events.FetchForWriting<ReactionView>(DeterministicId.Reaction(command.TargetId, command.UserId, command.Kind.ToString()), cancellation);
        stream.AppendMany(Reaction.Unreact(post, stream.Aggregate, command, clock.GetUtcNow()));
    }
}
