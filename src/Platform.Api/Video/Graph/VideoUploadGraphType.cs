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
        Field<NonNullGraphType<StringGraphType>>("uploadUrl").Description("PUT the file's bytes here, with its video/* Content-Type.").Resolve(c => c.Source.Upload.UploadUrl);
    }
}
