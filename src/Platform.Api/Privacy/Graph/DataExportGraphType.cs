using GraphQL.Types;

namespace Platform.Api.Privacy.Graph;

public sealed class DataExportGraphType : ObjectGraphType<DataExport>
{
    public DataExportGraphType()
    {
        Name = "DataExport";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(e => e.Url).Description("GET it for the JSON archive; it stops working at expiresAt.");
        Field(e => e.ExpiresAt);
        Field(e => e.Categories).Description("The archive's categories, as its manifest lists them.");
    }
}
