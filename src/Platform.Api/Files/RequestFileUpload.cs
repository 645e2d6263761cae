using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Files.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Files;
using Platform.Projections.Files;
using Wolverine;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Files;

public sealed record RequestFileUpload(Guid FileId, FilePurpose Purpose, string FileName, string ContentType, long SizeBytes, Guid UploadedBy);

/// <summary>Deletes an upload never completed, once <see cref="FilesOptions.OrphanAfter"/> has passed (scheduled at the request).</summary>
public sealed record SweepFileUpload(Guid FileId);

public static class RequestFileUploadField
{
    public static void AddRequestFileUpload(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<FileUploadGraphType>>("requestFileUpload")
            .Description("Step one of an upload: checks the purpose's kinds and limit, and returns where to PUT the bytes and the file's id.")
            .Argument<NonNullGraphType<RequestFileUploadInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RequestFileUploadInput>("input");
                var command = new RequestFileUpload(Guid.CreateVersion7(), input.Purpose, input.FileName, input.ContentType, input.SizeBytes, c.UserId());
                return (command.FileId, await c.Commands().InvokeAsync<FileUploadTarget>(command, c.CancellationToken));
            });
}

public static class RequestFileUploadHandler
{
    public static async Task<FileUploadTarget> Handle(RequestFileUpload command, IDocumentSession session, IFileStore store, FilesOptions options,
        IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var requestedLastHour = await session.Query<FileView>().CountAsync(f => f.UploadedBy == command.UploadedBy && f.RequestedAt > hourAgo, cancellation);
        var pending = await session.Query<FileView>().CountAsync(f => f.UploadedBy == command.UploadedBy && f.Status == FileStatus.Requested, cancellation);
        var requested = StoredFiles.Request(command, store.Name, new StoredFiles.UploaderActivity(requestedLastHour, pending), options, now);
        session.Events.StartStream<FileView>(command.FileId, requested);
        await messages.ScheduleAsync(new SweepFileUpload(command.FileId), options.OrphanAfter);
        return store.UploadTarget(requested.ObjectKey, requested.DeclaredContentType, requested.DeclaredSizeBytes);
    }
}
