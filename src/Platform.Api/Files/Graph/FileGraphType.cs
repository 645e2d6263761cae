using GraphQL;
using GraphQL.Types;
using Platform.Contracts.Files;
using Platform.Projections.Files;

namespace Platform.Api.Files.Graph;

/// <summary>
/// A file as its viewer sees it: only types whose access was already decided (or the <c>file</c> query) lead here.
/// URLs are short-lived. An image's original is never handed out (it may carry EXIF, GPS): its variants are.
/// </summary>
public sealed class FileGraphType : ObjectGraphType<FileView>
{
    public FileGraphType()
    {
        Name = "File";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<FilePurposeGraphType>>("purpose").Resolve(c => c.Source.Purpose);
        Field<NonNullGraphType<EnumerationGraphType<FileStatus>>>("status").Resolve(c => c.Source.Status);
        Field(f => f.FileName);
        Field<StringGraphType>("contentType").Description("Told from the file's first bytes.").Resolve(c => c.Source.ContentType);
        Field<LongGraphType>("sizeBytes").Resolve(c => c.Source.SizeBytes);
        Field<StringGraphType>("failureReason").Description("Why the upload was refused, or why processing failed (the last attempt).").Resolve(c => c.Source.FailureReason);
        Field<NonNullGraphType<IntGraphType>>("failedAttempts").Resolve(c => c.Source.FailedAttempts);
        Field<StringGraphType>("url")
            .Description("A short-lived download URL: the file itself, or for an image its medium variant once processed.")
            .Resolve(c => UrlOf(c, FileImages.IsImage(c.Source.ContentType) ? "medium" : null));
        Field<StringGraphType>("thumbnailUrl").Description("An image's thumbnail, once processed.").Resolve(c => UrlOf(c, "thumbnail"));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FileVariantGraphType>>>>("variants").Resolve(c => c.Source.Variants.Select(v => (c.Source, v)));
    }

    /// <summary>The original (variant null) of a non-image, or the named variant of a processed image.</summary>
    public static string? UrlOf(IResolveFieldContext<FileView> context, string? variant) => UrlOf(context.RequestServices!.GetRequiredService<IFileStore>(), context.Source, variant);

    public static string? UrlOf(IFileStore store, FileView file, string? variant)
    {
        if (variant is null)
            return file.Status == FileStatus.Ready && !FileImages.IsImage(file.ContentType)
                ? store.DownloadUrl(file.ObjectKey, file.ContentType!, FilesAccess.Caching(file)) : null;
        return file.Variants.FirstOrDefault(v => v.Name == variant) is { } found && file.Status == FileStatus.Ready
            ? store.DownloadUrl(found.ObjectKey, found.ContentType, FilesAccess.Caching(file)) : null;
    }
}

public sealed class FileVariantGraphType : ObjectGraphType<(FileView File, FileVariant Variant)>
{
    public FileVariantGraphType()
    {
        Name = "FileVariant";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Variant.Name);
        Field<NonNullGraphType<IntGraphType>>("width").Resolve(c => c.Source.Variant.Width);
        Field<NonNullGraphType<IntGraphType>>("height").Resolve(c => c.Source.Variant.Height);
        Field<NonNullGraphType<LongGraphType>>("sizeBytes").Resolve(c => c.Source.Variant.SizeBytes);
        Field<StringGraphType>("url").Resolve(c => FileGraphType.UrlOf(c.RequestServices!.GetRequiredService<IFileStore>(), c.Source.File, c.Source.Variant.Name));
    }
}
