using GraphQL.Types;

namespace Platform.Api.Ledger.Graph;

public sealed class MismatchGraphType : ObjectGraphType<Mismatch>
{
    public MismatchGraphType()
    {
        Name = "ReconciliationMismatch";
        Field(m => m.Key).Description("payment:<payment id>, fee:<payment id> or refund:<refund id>.");
        Field<NonNullGraphType<EnumerationGraphType<MismatchKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<LongGraphType>("ledgerAmount").Resolve(c => c.Source.LedgerAmount);
        Field<LongGraphType>("providerAmount").Resolve(c => c.Source.ProviderAmount);
        Field(m => m.Currency);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("ledgerEvents")
            .Description("The events our ledger lines for this key were booked from.").Resolve(c => c.Source.LedgerEvents);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("providerSources")
            .Description("The provider's events (local provider) or balance transactions (Stripe) behind its side.").Resolve(c => c.Source.ProviderSources);
    }
}
