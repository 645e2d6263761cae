namespace Platform.Contracts.Files;

/// <summary>What a file is for; each purpose has its own kinds and size limit (<c>FileLimits</c>).</summary>
public enum FilePurpose { Avatar, CommunityCover, PostImage, MessageImage, LessonAttachment }

/// <summary>What a file belongs to once used: its downloads follow the access of that thing.</summary>
public enum FileOwnerKind { Profile, CommunityCover, Post, Comment, Message, Lesson }

/// <summary>A resized copy of an image, re-encoded (so without the original's EXIF metadata).</summary>
public sealed record FileVariant(string Name, string ObjectKey, string ContentType, int Width, int Height, long SizeBytes);

/// <summary>
/// A file stream per upload. Requested: an object key was reserved and an upload URL issued; nothing is stored yet.
/// The size and content type the client declared are only what it promised: completion checks the stored bytes.
/// </summary>
public sealed record FileUploadRequested(Guid FileId, FilePurpose Purpose, string FileName, string DeclaredContentType, long DeclaredSizeBytes,
    string ObjectKey, string Store, Guid UploadedBy, DateTimeOffset RequestedAt);

/// <summary>The stored object was checked: its real size and the content type sniffed from its first bytes.</summary>
public sealed record FileUploaded(Guid FileId, string ContentType, long SizeBytes, Guid UploadedBy, DateTimeOffset UploadedAt);

/// <summary>The stored object broke the purpose's rules (wrong kind, too large, missing): it is deleted.</summary>
public sealed record FileUploadRefused(Guid FileId, string Reason, Guid UploadedBy, DateTimeOffset RefusedAt);

/// <summary>An image's variants were written.</summary>
public sealed record FileProcessed(Guid FileId, IReadOnlyList<FileVariant> Variants, DateTimeOffset ProcessedAt);

/// <summary>Processing failed on one attempt; <c>Final</c> when no retry follows.</summary>
public sealed record FileProcessingFailed(Guid FileId, string Reason, int Attempt, bool Final, DateTimeOffset FailedAt);

/// <summary>The file now belongs to a profile, post, comment, message or lesson (and, where there is one, its community).</summary>
public sealed record FileAttached(Guid FileId, FileOwnerKind OwnerKind, Guid OwnerId, Guid? CommunityId, Guid AttachedBy, DateTimeOffset AttachedAt);

/// <summary>The file and its variants are gone from the store: its owner was deleted, it was replaced, or it was never completed.</summary>
public sealed record FileDeleted(Guid FileId, string Reason, DateTimeOffset DeletedAt);
