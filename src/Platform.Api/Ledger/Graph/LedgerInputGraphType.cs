using GraphQL.Types;

namespace Platform.Api.Ledger.Graph;

public sealed record LedgerInput(string? Account, DateTimeOffset? From, DateTimeOffset? To);

public sealed class LedgerInputGraphType : InputObjectGraphType<LedgerInput>
{
    public LedgerInputGraphType()
    {
        Name = "LedgerInput";
        Field<StringGraphType>("account").Description("Lines debiting or crediting this account, such as creator_payable:<userId>.");
        Field<DateTimeOffsetGraphType>("from");
        Field<DateTimeOffsetGraphType>("to");
    }
}
