using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Contracts.Video;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Video.Graph;

public sealed class VideoUploadGraphType : ObjectGraphType<(Guid VideoId, Video.VideoUpload Upload)>
{
    public VideoUploadGraphType()
    {
        Name = "VideoUpload";
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(c => c.Source.VideoId);
        Field<NonNullGraphType<StringGraphType>>("uploadUrl").Description("Where the file goes, the way `method` says.").Resolve(c => c.Source.Upload.UploadUrl);
        Field<NonNullGraphType<EnumerationGraphType<Video.VideoUploadMethod>>>("method")
            .Description("PUT: the bytes as the body, with the file's video/* Content-Type. POST_MULTIPART: one multipart/form-data POST, the file in `formField`. TUS: the tus 1.0.0 resumable protocol (files over 200 MB on Cloudflare Stream).")
            .Resolve(c => c.Source.Upload.Method);
        Field<StringGraphType>("formField").Description("The multipart field that carries the file, for POST_MULTIPART.")
            .Resolve(c => c.Source.Upload.Method == Video.VideoUploadMethod.PostMultipart ? "file" : null);
    }
}
