using GraphQL.Types;

namespace Platform.Api.Analytics.Graph;

public sealed class PreviewFeePolicyInputGraphType : InputObjectGraphType<PreviewFeePolicyInput>
{
    public PreviewFeePolicyInputGraphType()
    {
        Name = "PreviewFeePolicyInput";
        Field<NonNullGraphType<IntGraphType>>("percent").Description("The proposed platform fee, 0 to 100.");
        Field<DateTimeOffsetGraphType>("effectiveAt").Description("When it would take effect (default now).");
        Field<IntGraphType>("days").Description("How many past days of sales to replay (default 30, at most 365).");
    }
}
