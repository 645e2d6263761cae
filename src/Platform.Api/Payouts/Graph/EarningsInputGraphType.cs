using GraphQL.Types;

namespace Platform.Api.Payouts.Graph;

/// <summary>Ids stay text here: the access rule reads <c>creatorId</c> before it is known to be one.</summary>
public sealed record EarningsInput(DateTimeOffset? From, DateTimeOffset? To, string? Currency, string? CreatorId, DateTimeOffset? AsOf);

public sealed class EarningsInputGraphType : InputObjectGraphType<EarningsInput>
{
    public EarningsInputGraphType()
    {
        Name = "EarningsInput";
        Field<DateTimeOffsetGraphType>("from");
        Field<DateTimeOffsetGraphType>("to");
        Field<StringGraphType>("currency").Description("Needed when the creator has earned in several currencies.");
        Field<IdGraphType>("creatorId").Description("Finance: any creator. A creator: themselves (the default).");
        Field<DateTimeOffsetGraphType>("asOf").Description("Answer with what was recorded up to this moment.")
            .DeprecationReason("Use the asOf argument of earnings, as purchase and payout take it.");
    }
}
