using GraphQL.Types;

namespace Platform.Api.Analytics.Graph;

public sealed class FeePolicyInputGraphType : InputObjectGraphType<FeePolicyInput>
{
    public FeePolicyInputGraphType()
    {
        Name = "FeePolicyInput";
        Field<NonNullGraphType<IntGraphType>>("percent").Description("The platform fee, 0 to 100.");
        Field<DateTimeOffsetGraphType>("effectiveAt").Description("From when checkouts fix it (default now; at most 366 days ahead).");
    }
}
