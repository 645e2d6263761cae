using GraphQL.Types;
using Platform.Contracts.Files;

namespace Platform.Api.Files.Graph;

public sealed record RequestFileUploadInput(FilePurpose Purpose, string FileName, string ContentType, long SizeBytes);

public sealed class RequestFileUploadInputGraphType : InputObjectGraphType<RequestFileUploadInput>
{
    public RequestFileUploadInputGraphType()
    {
        Name = "RequestFileUploadInput";
        Field<NonNullGraphType<FilePurposeGraphType>>("purpose");
        Field<NonNullGraphType<StringGraphType>>("fileName").Description("Its ending must fit the content type (.png, .jpg, .pdf, ...).");
        Field<NonNullGraphType<StringGraphType>>("contentType").Description("What the client says the file is; completeFileUpload checks the bytes themselves.");
        Field<NonNullGraphType<LongGraphType>>("sizeBytes").Description("At most the purpose's limit; the stored file may not be larger.");
    }
}

public sealed class FilePurposeGraphType : EnumerationGraphType<FilePurpose>
{
    public FilePurposeGraphType()
    {
        Name = "FilePurpose";
        Description = "AVATAR and COMMUNITY_COVER: images up to 5 MB. POST_IMAGE and MESSAGE_IMAGE: images up to 10 MB, up to 10 on one post or message. "
                      + "LESSON_ATTACHMENT: PDF, images or ZIP up to 100 MB, downloaded by the course's enrolled learners.";
    }
}
