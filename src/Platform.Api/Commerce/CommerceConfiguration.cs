using GraphQL.Types;
using Marten;
using Platform.Api.Payouts;
using Stripe;

namespace Platform.Api.Commerce;

/// <summary>The Commerce module's table of contents: the payment port, its Marten schema lines, its webhooks and its GraphQL fields.</summary>
public static class CommerceConfiguration
{
    /// <summary>The payment port (<c>Payments__Provider</c>: local or stripe), its options, and the provider-event inbox.</summary>
    public static WebApplicationBuilder AddCommerce(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Payments").Get<PaymentOptions>() ?? new PaymentOptions();
        var stripe = builder.Configuration.GetSection("Stripe").Get<StripeOptions>() ?? new StripeOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(stripe);
        switch (options.Provider.ToLowerInvariant())
        {
            case LocalPaymentProvider.ProviderName:
                builder.Services.AddScoped<IPaymentProvider, LocalPaymentProvider>();
                break;
            case "stripe":
                if (string.IsNullOrEmpty(stripe.SecretKey)) throw new InvalidOperationException("Payments__Provider=stripe needs Stripe__SecretKey.");
                builder.Services.AddHttpClient(nameof(StripePaymentProvider));
                builder.Services.AddSingleton(s => new StripeClient(new StripeClientOptions
                {
                    ApiKey = stripe.SecretKey,
                    ApiBase = stripe.ApiBase.TrimEnd('/'),
                    // Our durable queues retry; Stripe.net's own retries would only stack on top of them.
                    HttpClient = new SystemNetHttpClient(s.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(StripePaymentProvider)), maxNetworkRetries: 0),
                }));
                builder.Services.AddSingleton<IPaymentProvider, StripePaymentProvider>();
                break;
            default:
                throw new InvalidOperationException($"Payments__Provider is 'local' or 'stripe', not '{options.Provider}'.");
        }
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Schema.For<ProviderEventRecord>().Identity(r => r.Id).UseOptimisticConcurrency(true).Index(r => r.AwaitingPayment!);
        });
        return builder;
    }

    public static WebApplication MapCommerce(this WebApplication app)
    {
        app.MapStripeWebhooks();
        app.MapPaymentPages();
        return app;
    }

    public static void AddCommerceQueries(this ObjectGraphType query)
    {
        query.AddPurchaseQuery();
        query.AddMyPurchasesQuery();
        query.AddMySubscriptionsQuery();
    }

    public static void AddCommerceMutations(this ObjectGraphType mutation)
    {
        mutation.AddSetPrice();
        mutation.AddCreateCoupon();
        // A Payouts field, listed here so the printed schema keeps its order (the schema file is compared line by line).
        mutation.AddStartPayoutOnboarding();
        mutation.AddStartCheckout();
        mutation.AddCompleteLocalPayment();
        mutation.AddRenewLocalSubscription();
        mutation.AddCancelSubscription();
        mutation.AddRefundPurchase();
    }
}
