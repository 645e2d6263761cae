using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Privacy.Graph;

namespace Platform.Api.Privacy;

public static class ExportUserDataField
{
    /// <summary>An admin answers a request that came by other means (mail, post) with the same archive the person would get.</summary>
    public static void AddExportUserData(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DataExportGraphType>>("exportUserData")
            .Description("A download link (it expires) to the JSON archive of a user's data, as exportMyData gives them.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Allow(Audience.Admin)
            .ResolveAsync(async c => await ExportMyDataField.Export(c, c.IdArgument("userId")));
}
