using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Platform.Contracts.Files;

namespace Platform.Projections.Files;

public enum FileStatus
{
    /// <summary>An upload URL was issued; the bytes may or may not have arrived.</summary>
    Requested,
    /// <summary>Checked and stored; an image waits for its variants.</summary>
    Processing,
    Ready,
    /// <summary>Image processing gave up (the reason says why); the original stays stored.</summary>
    Failed,
    /// <summary>The checks refused the stored object; it was deleted.</summary>
    Refused,
    Deleted,
}

/// <summary>One uploaded file: the rules decide on it (inline, so the uploader's next request sees its own change).</summary>
public sealed class FileView
{
    public Guid Id { get; set; }
    public FilePurpose Purpose { get; set; }
    public FileStatus Status { get; set; }
    public string FileName { get; set; } = "";
    public string Store { get; set; } = "";
    public string ObjectKey { get; set; } = "";
    public long DeclaredSizeBytes { get; set; }
    public string? ContentType { get; set; }
    public long? SizeBytes { get; set; }
    public Guid UploadedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? UploadedAt { get; set; }
    public List<FileVariant> Variants { get; set; } = [];
    public string? FailureReason { get; set; }
    public int FailedAttempts { get; set; }
    public FileOwnerKind? OwnerKind { get; set; }
    public Guid? OwnerId { get; set; }
    public Guid? CommunityId { get; set; }
    public DateTimeOffset? AttachedAt { get; set; }

    /// <summary>Every stored object of the file: the original and its variants.</summary>
    public IEnumerable<string> ObjectKeys => [ObjectKey, .. Variants.Select(v => v.ObjectKey)];
}

public sealed partial class FileViewProjection : SingleStreamProjection<FileView, Guid>
{
    public static FileView Create(FileUploadRequested e) => new()
    {
        Id = e.FileId, Purpose = e.Purpose, Status = FileStatus.Requested, FileName = e.FileName, Store = e.Store, ObjectKey = e.ObjectKey,
        DeclaredSizeBytes = e.DeclaredSizeBytes, UploadedBy = e.UploadedBy, RequestedAt = e.RequestedAt,
    };

    public static void Apply(FileUploaded e, FileView file) =>
        (file.Status, file.ContentType, file.SizeBytes, file.UploadedAt) = (FileImages.IsImage(e.ContentType) ? FileStatus.Processing : FileStatus.Ready, e.ContentType, e.SizeBytes, e.UploadedAt);

    public static void Apply(FileUploadRefused e, FileView file) => (file.Status, file.FailureReason) = (FileStatus.Refused, e.Reason);

    public static void Apply(FileProcessed e, FileView file) => (file.Status, file.Variants, file.FailureReason) = (FileStatus.Ready, [.. e.Variants], null);

    public static void Apply(FileProcessingFailed e, FileView file)
    {
        (file.FailureReason, file.FailedAttempts) = (e.Reason, e.Attempt);
        if (e.Final) file.Status = FileStatus.Failed;
    }

    public static void Apply(FileAttached e, FileView file) =>
        (file.OwnerKind, file.OwnerId, file.CommunityId, file.AttachedAt) = (e.OwnerKind, e.OwnerId, e.CommunityId, e.AttachedAt);

    public static void Apply(FileDeleted e, FileView file) => file.Status = FileStatus.Deleted;
}

/// <summary>The image types variants are made of.</summary>
public static class FileImages
{
    public static readonly string[] ContentTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public static bool IsImage(string? contentType) => ContentTypes.Contains(contentType);
}

public static class FileProjections
{
    public static StoreOptions AddFileProjections(this StoreOptions options)
    {
        options.Projections.Add<FileViewProjection>(ProjectionLifecycle.Inline);
        // Files of one owner (a post's images, a user's avatar) and the uploads still waiting for their bytes.
        options.Schema.For<FileView>().Duplicate(f => f.OwnerId!).Duplicate(f => f.UploadedBy);
        return options;
    }
}
