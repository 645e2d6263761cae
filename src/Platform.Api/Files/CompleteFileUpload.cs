using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Files.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts.Files;
using Platform.Projections.Files;
using Wolverine;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Files;

public sealed record CompleteFileUpload(Guid FileId, Guid CompletedBy);

public static class CompleteFileUploadField
{
    public static void AddCompleteFileUpload(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<FileGraphType>>("completeFileUpload")
            .Description("Step two: checks the stored bytes (size, and the kind told from the first bytes). An image then gets its variants on a queue.")
            .Argument<NonNullGraphType<IdGraphType>>("fileId")
            .AllowOwn(FilesAccess.Uploader("fileId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var fileId = c.IdArgument("fileId");
                var refusal = await c.Commands().InvokeAsync<string?>(new CompleteFileUpload(fileId, c.UserId()), c.CancellationToken);
                if (refusal is not null) throw DomainException.Invalid(refusal);
                return await c.Reads().LoadAsync<FileView>(fileId, c.CancellationToken);
            });
}

public static class CompleteFileUploadHandler
{
    /// <summary>Returns why the file was refused, or null. A refusal is recorded and its object deleted, not rolled back.</summary>
    public static async Task<string?> Handle(CompleteFileUpload command, IDocumentSession session, IFileStore store, IMessageContext messages,
        TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<FileView>(command.FileId, cancellation);
        var file = stream.Aggregate;
        var stored = file is null ? null : await store.Inspect(file.ObjectKey, cancellation);
        var outcome = StoredFiles.Complete(file, command.CompletedBy, stored, clock.GetUtcNow());
        stream.AppendOne(outcome);
        switch (outcome)
        {
            case FileUploaded { ContentType: var type } when FileImages.IsImage(type):
                await messages.PublishAsync(new ProcessImage(command.FileId, 1));
                return null;
            case FileUploadRefused refused:
                await messages.PublishAsync(new DeleteStoredObjects(command.FileId, [file!.ObjectKey]));
                return refused.Reason;
            default:
                return null;
        }
    }
}
