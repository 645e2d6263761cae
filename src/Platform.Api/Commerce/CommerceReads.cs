using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

/// <summary>The reads commerce fields answer with.</summary>
public static class CommerceReads
{
    /// <summary>The price of a course or community, for its pages (CDET, LAND).</summary>
    public static async Task<PriceView?> PriceOf(IResolveFieldContext context, Guid productId) =>
        (await context.Reads().LoadAsync<ProductView>(DeterministicId.Product(productId), context.CancellationToken))?.CurrentPrice;

    public static async Task<ProductView> Product(IResolveFieldContext context, Guid productId) =>
        await context.Reads().LoadAsync<ProductView>(DeterministicId.Product(productId), context.CancellationToken)
        ?? throw DomainException.NotFound("The product");

    /// <summary>The document now, or (with <c>asOf</c>) the stream replayed up to that moment.</summary>
    public static async Task<T?> AsOf<T>(IResolveFieldContext context, Guid id) where T : class =>
        context.GetArgument<DateTimeOffset?>("asOf") is { } asOf
            ? await context.Reads().Events.AggregateStreamAsync<T>(id, timestamp: asOf, token: context.CancellationToken)
            : await context.Reads().LoadAsync<T>(id, context.CancellationToken);

    public static DateTimeOffset Now(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
}
