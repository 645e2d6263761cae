using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Admin;
using Platform.Contracts.Communities;
using Platform.Projections.Admin;

namespace Platform.Api.Admin;

/// <summary>Featuring (<c>Featured</c> true) or unfeaturing a community: one command, as the two differ only in the event.</summary>
public sealed record FeatureCommunity(Guid CommunityId, bool Featured, Guid By);

public static class FeatureCommunityFields
{
    /// <summary>More would make "featured" meaningless on a discovery page.</summary>
    public const int MaxFeatured = 12;

    public static void AddFeatureCommunity(this ObjectGraphType mutation, bool featured) =>
        mutation.Field<NonNullGraphType<BooleanGraphType>>(featured ? "featureCommunity" : "unfeatureCommunity")
            .Description(featured
                ? $"Puts a public community first in discovery (at most {MaxFeatured} at a time); featuring twice changes nothing. Answers whether it is featured now."
                : "Takes a community out of the featured ones; answers whether it is featured now.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                await c.Commands().InvokeAsync(new FeatureCommunity(communityId, featured, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<FeaturedCommunity>(communityId, c.CancellationToken) is not null;
            });
}

public static class FeatureCommunityHandler
{
    public static async Task Handle(FeatureCommunity command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var community = await Community.Load(session, command.CommunityId, cancellation);
        var isFeatured = await session.LoadAsync<FeaturedCommunity>(command.CommunityId, cancellation) is not null;
        if (isFeatured == command.Featured) return;
        var now = clock.GetUtcNow();
        if (!command.Featured)
        {
            session.Events.Append(command.CommunityId, new CommunityUnfeatured(command.CommunityId, command.By, now));
            return;
        }
        if (community.Visibility != CommunityVisibility.Public) throw DomainException.Invalid("Only a public community can be featured.");
        if (await session.Query<FeaturedCommunity>().CountAsync(cancellation) >= FeatureCommunityFields.MaxFeatured)
            throw DomainException.Conflict($"{FeatureCommunityFields.MaxFeatured} communities are featured already: unfeature one first.");
        session.Events.Append(command.CommunityId, new CommunityFeatured(command.CommunityId, command.By, now));
    }
}
