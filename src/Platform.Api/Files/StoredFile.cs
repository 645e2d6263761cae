using Platform.Api.Infrastructure;
using Platform.Api.Security;
using Platform.Contracts.Files;
using Platform.Projections.Files;

namespace Platform.Api.Files;

/// <summary>The rules of one file's stream, decided on its inline read model with <c>now</c> passed in.</summary>
public static class StoredFiles
{
    public const int MaxFileNameLength = 200;

    /// <summary>The uploader's recent activity, for the abuse limits.</summary>
    public sealed record UploaderActivity(int RequestedLastHour, int Pending);

    public static FileUploadRequested Request(RequestFileUpload command, string store, UploaderActivity activity, FilesOptions options, DateTimeOffset now)
    {
        if (activity.RequestedLastHour >= options.MaxUploadsPerHour || activity.Pending >= options.MaxPendingUploads)
            throw new DomainException(RateLimitConfiguration.RateLimited,
                $"Too many uploads: at most {options.MaxUploadsPerHour} an hour and {options.MaxPendingUploads} not yet completed.");
        var limit = FileLimit.For(command.Purpose);
        var name = command.FileName.Trim();
        if (name.Length is 0 or > MaxFileNameLength || name.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw DomainException.Invalid($"A file name is 1 to {MaxFileNameLength} characters, without slashes.");
        if (!limit.ContentTypes.Contains(command.ContentType))
            throw DomainException.Invalid($"A {command.Purpose} file is one of {string.Join(", ", limit.ContentTypes)}, not '{command.ContentType}'.");
        if (!FileContent.NameFits(name, command.ContentType))
            throw DomainException.Invalid($"'{name}' does not end the way a {command.ContentType} file does.");
        if (command.SizeBytes <= 0 || command.SizeBytes > limit.MaxBytes)
            throw DomainException.Invalid($"A {command.Purpose} file is at most {limit.MaxBytes / (1024 * 1024)} MB.");
        return new FileUploadRequested(command.FileId, command.Purpose, name, command.ContentType, command.SizeBytes,
            ObjectKeys.Original(command.FileId), store, command.UploadedBy, now);
    }

    /// <summary>
    /// Checks what was stored against the purpose and the request: the real size within the limit and the
    /// declared size, the kind sniffed from the first bytes the one declared. A refusal is recorded (and the object deleted).
    /// </summary>
    public static object Complete(FileView? file, Guid completedBy, StoredObject? stored, DateTimeOffset now)
    {
        if (file is null || file.UploadedBy != completedBy) throw DomainException.NotFound("The file");
        if (file.Status != FileStatus.Requested) throw DomainException.Conflict($"The upload is already {file.Status.ToString().ToUpperInvariant()}.");
        if (stored is null) throw DomainException.Invalid("No bytes have arrived for this file yet: upload them to the URL first.");
        var limit = FileLimit.For(file.Purpose);
        var sniffed = FileContent.Sniff(stored.Head);
        string? refusal = null;
        if (stored.SizeBytes == 0) refusal = "The file is empty.";
        else if (stored.SizeBytes > Math.Min(limit.MaxBytes, file.DeclaredSizeBytes))
            refusal = $"The file is {stored.SizeBytes} bytes: more than the {Math.Min(limit.MaxBytes, file.DeclaredSizeBytes)} allowed.";
        else if (sniffed is null || !limit.ContentTypes.Contains(sniffed))
            refusal = $"The file's content is not one of {string.Join(", ", limit.ContentTypes)}.";
        else if (!FileContent.NameFits(file.FileName, sniffed))
            refusal = $"The file's content is {sniffed}, which '{file.FileName}' does not claim to be.";
        return refusal is null
            ? new FileUploaded(file.Id, sniffed!, stored.SizeBytes, completedBy, now)
            : new FileUploadRefused(file.Id, refusal, completedBy, now);
    }

    /// <summary>
    /// Attaching: the uploader's own completed file of the right purpose, not yet used elsewhere. Re-attaching to the
    /// same owner changes nothing.
    /// </summary>
    public static object[] Attach(FileView? file, FilePurpose purpose, FileOwnerKind kind, Guid ownerId, Guid? communityId, Guid attachedBy, DateTimeOffset now)
    {
        if (file is null || file.UploadedBy != attachedBy || file.Status is FileStatus.Deleted or FileStatus.Refused) throw DomainException.NotFound("The file");
        if (file.Purpose != purpose) throw DomainException.Invalid($"That file was uploaded as {file.Purpose}, not {purpose}.");
        if (file.Status == FileStatus.Requested) throw DomainException.Invalid("Complete the file's upload (completeFileUpload) first.");
        if (file.OwnerId == ownerId && file.OwnerKind == kind) return [];
        if (file.OwnerId is not null) throw DomainException.Conflict("That file is already used elsewhere.");
        return [new FileAttached(file.Id, kind, ownerId, communityId, attachedBy, now)];
    }

    public static object[] Delete(FileView? file, string reason, DateTimeOffset now) =>
        file is null || file.Status == FileStatus.Deleted ? [] : [new FileDeleted(file.Id, reason, now)];

    /// <summary>An upload never completed by the deadline is an orphan.</summary>
    public static bool IsOrphan(FileView? file, TimeSpan orphanAfter, DateTimeOffset now) =>
        file is { Status: FileStatus.Requested } && now >= file.RequestedAt + orphanAfter;
}
