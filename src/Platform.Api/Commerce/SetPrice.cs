using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

public sealed record SetPrice(Guid ProductId, Guid PriceId, long Amount, string Currency, PriceInterval Interval, int TrialDays, int? SeatLimit, Guid SetBy);

public static class SetPriceField
{
    public static void AddSetPrice(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ProductGraphType>>("setPrice")
            .Description("Sets the price new checkouts get. The product is a course (its id) or a community membership (the community's id).")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<SetPriceInputGraphType>>("input")
            .AllowOwn(CommerceAccess.ProductCreator("productId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var productId = c.IdArgument("productId");
                var input = c.GetArgument<SetPriceInput>("input");
                await c.Commands().InvokeAsync(new SetPrice(productId, Guid.CreateVersion7(), input.Amount, input.Currency,
                    input.Interval ?? PriceInterval.OneTime, input.TrialDays ?? 0, input.SeatLimit, c.UserId()), c.CancellationToken);
                return await CommerceReads.Product(c, productId);
            });
}

public static class SetPriceHandler
{
    public static async Task Handle(SetPrice command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var subject = await Product.Subject(session, command.ProductId, cancellation);
        var community = await Community.Load(session, subject.CommunityId, cancellation);
        var stream = await session.Events.FetchForWriting<ProductView>(DeterministicId.Product(command.ProductId), cancellation);
        stream.AppendMany(Product.SetPrice(subject, community, command, clock.GetUtcNow()));
    }
}
