using GraphQL.Types;

namespace Platform.Api.Ledger.Graph;

public sealed record ReconciliationInput(DateTimeOffset From, DateTimeOffset To);

public sealed class ReconciliationInputGraphType : InputObjectGraphType<ReconciliationInput>
{
    public ReconciliationInputGraphType()
    {
        Name = "ReconciliationInput";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("from");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("to");
    }
}
