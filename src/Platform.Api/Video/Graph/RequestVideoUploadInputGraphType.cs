using GraphQL.Types;

namespace Platform.Api.Video.Graph;

public sealed record RequestVideoUploadInput(string FileName, long SizeBytes);

public sealed class RequestVideoUploadInputGraphType : InputObjectGraphType<RequestVideoUploadInput>
{
    public RequestVideoUploadInputGraphType()
    {
        Name = "RequestVideoUploadInput";
        Field<NonNullGraphType<StringGraphType>>("fileName");
        Field<NonNullGraphType<LongGraphType>>("sizeBytes");
    }
}
