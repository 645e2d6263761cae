using GraphQL;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Files;
using Platform.Projections.Files;

namespace Platform.Api.Files;

/// <summary>
/// Who may see a file: whoever may see what it belongs to. Its uploader always; before it is attached, nobody else.
/// An avatar: any signed-in caller (as profiles are). A post's or comment's image: whoever may read the community.
/// </summary>
public static class FilesAccess
{
    public static async Task<bool> MaySee(IQuerySession reads, Caller caller, FileView? file, CancellationToken cancellation)
    {
        if (file is null || file.Status == FileStatus.Deleted) return false;
        if (caller.UserId is { } userId && userId == file.UploadedBy) return true; // a refused upload too: it shows why
        if (file.Status == FileStatus.Refused) return false;
        return file.OwnerKind switch
        {
            FileOwnerKind.Profile => caller.IsSignedIn,
            FileOwnerKind.Post or FileOwnerKind.Comment or FileOwnerKind.CommunityCover =>
                file.CommunityId is { } communityId && await CommunitiesAccess.MayRead(reads, caller, communityId, cancellation),
            _ => false,
        };
    }

    /// <summary>Avatars may sit in a shared cache (a CDN); everything else is cached only by the browser that asked.</summary>
    public static FileCaching Caching(FileView file) => file.OwnerKind == FileOwnerKind.Profile ? FileCaching.Public : FileCaching.Private;

    /// <summary>"Own" for <c>file</c>: the uploader, or someone who may see what the file belongs to; anyone else is told it does not exist.</summary>
    public static Ownership Viewer(string argument) => new("the uploader, or a caller who may see what the file belongs to (its profile, or its post's community)",
        async (context, caller) => Guid.TryParse(context.GetArgument<string?>(argument), out var id)
            && await MaySee(context.Reads(), caller, await context.Reads().LoadAsync<FileView>(id, context.CancellationToken), context.CancellationToken),
        HideOthers: true);

    /// <summary>"Own" for <c>completeFileUpload</c>: the uploader.</summary>
    public static Ownership Uploader(string argument) => new("the file's uploader",
        async (context, caller) => Guid.TryParse(context.GetArgument<string?>(argument), out var id)
            && await context.Reads().LoadAsync<FileView>(id, context.CancellationToken) is { } file && file.UploadedBy == caller.UserId,
        HideOthers: true);
}
