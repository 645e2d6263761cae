using GraphQL.Types;

namespace Platform.Api.Files.Graph;

public sealed class FileUploadGraphType : ObjectGraphType<(Guid FileId, FileUploadTarget Target)>
{
    public FileUploadGraphType()
    {
        Name = "FileUpload";
        Description = "PUT the bytes to uploadUrl with these headers before expiresAt, then call completeFileUpload(fileId).";
        Field<NonNullGraphType<IdGraphType>>("fileId").Resolve(c => c.Source.FileId);
        Field<NonNullGraphType<StringGraphType>>("uploadUrl").Resolve(c => c.Source.Target.Url);
        Field<NonNullGraphType<StringGraphType>>("method").Resolve(_ => "PUT");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HttpHeaderGraphType>>>>("headers").Resolve(c => c.Source.Target.Headers.ToList());
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiresAt").Resolve(c => c.Source.Target.ExpiresAt);
    }
}

public sealed class HttpHeaderGraphType : ObjectGraphType<KeyValuePair<string, string>>
{
    public HttpHeaderGraphType()
    {
        Name = "HttpHeader";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(c => c.Source.Value);
    }
}
