using Platform.Contracts.Files;
using Platform.Projections.Files;

namespace Platform.Api.Files;

/// <summary>What a file really is, told from its first bytes; what a client says about it is never trusted.</summary>
public static class FileContent
{
    public const string Pdf = "application/pdf";
    public const string Zip = "application/zip";

    /// <summary>PNG, JPEG, GIF, WebP, PDF or ZIP by their signatures; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => Pdf,
        [(byte)'P', (byte)'K', 0x03, 0x04, ..] or [(byte)'P', (byte)'K', 0x05, 0x06, ..] => Zip,
        _ => null,
    };

    /// <summary>The file name endings each content type may carry (a PNG named .pdf is refused).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Extensions = new Dictionary<string, string[]>
    {
        ["image/png"] = [".png"],
        ["image/jpeg"] = [".jpg", ".jpeg"],
        ["image/gif"] = [".gif"],
        ["image/webp"] = [".webp"],
        [Pdf] = [".pdf"],
        [Zip] = [".zip"],
    };

    public static bool NameFits(string fileName, string contentType) =>
        Extensions.TryGetValue(contentType, out var endings) && endings.Contains(Path.GetExtension(fileName).ToLowerInvariant());
}

/// <summary>Each purpose's kinds and size limit.</summary>
public sealed record FileLimit(IReadOnlyList<string> ContentTypes, long MaxBytes, int MaxPerOwner)
{
    private const long MB = 1024 * 1024;

    public static FileLimit For(FilePurpose purpose) => purpose switch
    {
        FilePurpose.Avatar or FilePurpose.CommunityCover => new(FileImages.ContentTypes, 5 * MB, 1),
        FilePurpose.PostImage or FilePurpose.MessageImage => new(FileImages.ContentTypes, 10 * MB, 10),
        FilePurpose.LessonAttachment => new([.. FileImages.ContentTypes, FileContent.Pdf, FileContent.Zip], 100 * MB, 10),
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };
}
