using GraphQL.Types;
using Platform.Contracts.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed record SetPriceInput(long Amount, string Currency, PriceInterval? Interval, int? TrialDays, int? SeatLimit);

public sealed class SetPriceInputGraphType : InputObjectGraphType<SetPriceInput>
{
    public SetPriceInputGraphType()
    {
        Name = "SetPriceInput";
        Field<NonNullGraphType<LongGraphType>>("amount").Description("In the currency's minor unit.");
        Field<NonNullGraphType<StringGraphType>>("currency");
        Field<EnumerationGraphType<PriceInterval>>("interval").DefaultValue(PriceInterval.OneTime);
        Field<IntGraphType>("trialDays").DefaultValue(0);
        Field<IntGraphType>("seatLimit").Description("At most this many buyers (a cohort course); null for no limit.");
    }
}
