using GraphQL;
using GraphQL.Types;
using Platform.Api.Files.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Projections.Files;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Files;

public static class FileQueryField
{
    public static void AddFileQuery(this ObjectGraphType query) =>
        query.Field<FileGraphType>("file")
            .Description("A file with short-lived URLs, for its uploader and for callers who may see what it belongs to (NOT_FOUND for anyone else).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowOwn(FilesAccess.Viewer("id"), Everyone)
            .ResolveAsync(async c => await c.Reads().LoadAsync<FileView>(c.IdArgument("id"), c.CancellationToken));
}
