using GraphQL;
using Marten;
using Platform.Api.Chat;
using Platform.Api.Communities;
using Platform.Api.Courses;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Contracts.Files;
using Platform.Projections.Chat;
using Platform.Projections.Courses;
using Platform.Projections.Files;

namespace Platform.Api.Files;

/// <summary>
/// Who may see a file: whoever may see what it belongs to. Its uploader always; before it is attached, nobody else.
/// An avatar: any signed-in caller (as profiles are). A cover image: whoever may read the community; a post's or comment's image too,
/// unless moderators hid the post or comment (or suspended its author), when only the community's staff and admins see it.
/// A message's image: the conversation's participants. A lesson's attachment: the course's builder, the community's staff,
/// and learners enrolled in the course once the lesson opens for them.
/// </summary>
public static class FilesAccess
{
    public static async Task<bool> MaySee(IResolveFieldContext context, FileView? file)
    {
        var (reads, caller, cancellation) = (context.Reads(), context.Caller(), context.CancellationToken);
        if (file is null || file.Status == FileStatus.Deleted) return false;
        if (caller.UserId is { } userId && userId == file.UploadedBy) return true; // a refused upload too: it shows why
        if (file.Status == FileStatus.Refused || file.OwnerId is not { } ownerId) return false;
        return file.OwnerKind switch
        {
            FileOwnerKind.Profile => caller.IsSignedIn,
            // A post's or comment's image goes where its text goes: not to members while moderators hide it or its author is suspended.
            FileOwnerKind.Post or FileOwnerKind.Comment =>
                file.CommunityId is { } communityId && await CommunitiesAccess.MayRead(reads, caller, communityId, cancellation)
                && (await Moderation.ModerationReads.HiddenFrom(context, communityId, [(ownerId, file.UploadedBy)])).Count == 0,
            FileOwnerKind.CommunityCover =>
                file.CommunityId is { } communityId && await CommunitiesAccess.MayRead(reads, caller, communityId, cancellation),
            FileOwnerKind.Message => await reads.LoadAsync<ChatMessage>(ownerId, cancellation) is { DeletedAt: null } message
                && await ChatAccess.IsParticipant(reads, caller, await reads.LoadAsync<ConversationView>(message.ConversationId, cancellation), cancellation),
            FileOwnerKind.Lesson => await MayOpenLessonFiles(context, ownerId),
            _ => false,
        };
    }

    /// <summary>The rule of a lesson's <c>attachments</c>: <paramref name="lockForCaller"/> is the lesson's lock as the caller sees it.</summary>
    public static bool MayOpenLessonFiles(Caller caller, CourseOutline course, LockReason? lockForCaller) =>
        lockForCaller is null || CoursesAccess.Builds(caller, course) || CommunitiesAccess.IsStaff(caller.Account, course.CommunityId);

    private static async Task<bool> MayOpenLessonFiles(IResolveFieldContext context, Guid lessonId)
    {
        var (reads, caller) = (context.Reads(), context.Caller());
        if (await CourseReads.CourseContaining(reads, lessonId, context.CancellationToken) is not { } course) return false;
        var published = (course.Published ?? []).SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == lessonId);
        var enrolment = caller.UserId is { } userId
            ? await reads.LoadAsync<EnrolmentView>(DeterministicId.Enrolment(course.Id, userId), context.CancellationToken) : null;
        var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
        var lockForCaller = published is null ? LockReason.NotEnrolled : Enrolment.LockOf(course, published, enrolment, now);
        return MayOpenLessonFiles(caller, course, lockForCaller);
    }

    /// <summary>Avatars may sit in a shared cache (a CDN); everything else is cached only by the browser that asked.</summary>
    public static FileCaching Caching(FileView file) => file.OwnerKind == FileOwnerKind.Profile ? FileCaching.Public : FileCaching.Private;

    /// <summary>"Own" for <c>file</c>: the uploader, or someone who may see what the file belongs to; anyone else is told it does not exist.</summary>
    public static Ownership Viewer(string argument) => new("the uploader, or a caller who may see what the file belongs to (its profile, post, comment, cover, message or lesson)",
        async (context, caller) => Guid.TryParse(context.GetArgument<string?>(argument), out var id)
            && await MaySee(context, await context.Reads().LoadAsync<FileView>(id, context.CancellationToken)),
        HideOthers: true);

    /// <summary>"Own" for <c>completeFileUpload</c>: the uploader.</summary>
    public static Ownership Uploader(string argument) => new("the file's uploader",
        async (context, caller) => Guid.TryParse(context.GetArgument<string?>(argument), out var id)
            && await context.Reads().LoadAsync<FileView>(id, context.CancellationToken) is { } file && file.UploadedBy == caller.UserId,
        HideOthers: true);
}
