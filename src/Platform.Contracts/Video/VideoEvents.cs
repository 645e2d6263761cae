namespace Platform.Contracts.Video;

public enum VideoStatus { Processing, Ready, Failed }

/// <summary>A lesson's video, on the course stream. A new upload replaces the lesson's previous video.</summary>
public sealed record VideoUploadRequested(
    Guid CourseId, Guid LessonId, Guid VideoId, string Provider, string ProviderVideoId, string FileName, long SizeBytes,
    Guid RequestedBy, DateTimeOffset RequestedAt);

/// <summary>The provider finished processing: the same event whether a webhook or the local provider reported it.</summary>
public sealed record VideoReady(Guid CourseId, Guid VideoId, DateTimeOffset ReadyAt);

public sealed record VideoFailed(Guid CourseId, Guid VideoId, string Reason, DateTimeOffset FailedAt);
