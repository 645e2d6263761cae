using Marten;
using Platform.Contracts.Files;
using Platform.Projections.Files;
using SkiaSharp;
using Wolverine;

namespace Platform.Api.Files;

/// <summary>Makes an uploaded image's variants; <c>Attempt</c> counts from 1.</summary>
public sealed record ProcessImage(Guid FileId, int Attempt);

/// <summary>
/// Image processing on a durable queue: a thumbnail and a medium variant, decoded and re-encoded as WebP, so no
/// metadata of the original (EXIF, GPS position) survives. A failed attempt is recorded on the file (visible as its
/// failure reason) and retried later; after the last attempt the file is FAILED.
/// </summary>
public static class ProcessImageHandler
{
    public static readonly (string Name, int MaxSide)[] Variants = [("thumbnail", 256), ("medium", 1280)];

    public static async Task Handle(ProcessImage message, IDocumentSession session, IFileStore store, IMessageContext messages, FilesOptions options,
        TimeProvider clock, ILogger<ProcessImage> logger, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<FileView>(message.FileId, cancellation);
        if (stream.Aggregate is not { Status: FileStatus.Processing } file) return; // deleted meanwhile, or already done
        try
        {
            var original = await store.Read(file.ObjectKey, cancellation);
            var variants = new List<FileVariant>();
            foreach (var (name, maxSide) in Variants)
            {
                var (bytes, width, height) = Resize(original, maxSide);
                var key = ObjectKeys.Variant(file.Id, name);
                await store.Write(key, bytes, "image/webp", cancellation);
                variants.Add(new FileVariant(name, key, "image/webp", width, height, bytes.Length));
            }
            stream.AppendOne(new FileProcessed(file.Id, variants, clock.GetUtcNow()));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var final = message.Attempt >= options.ProcessingAttempts;
            logger.LogWarning(e, "Processing image {FileId} failed on attempt {Attempt} (final: {Final})", file.Id, message.Attempt, final);
            stream.AppendOne(new FileProcessingFailed(file.Id, e.Message, message.Attempt, final, clock.GetUtcNow()));
            if (!final)
                await messages.ScheduleAsync(message with { Attempt = message.Attempt + 1 }, options.ProcessingRetryDelay * message.Attempt);
        }
    }

    /// <summary>The image scaled to fit <paramref name="maxSide"/> (never enlarged), turned upright as its EXIF says, as WebP.</summary>
    public static (byte[] Bytes, int Width, int Height) Resize(byte[] original, int maxSide)
    {
        using var codec = SKCodec.Create(new MemoryStream(original)) ?? throw new InvalidDataException("The image cannot be decoded.");
        using var decoded = SKBitmap.Decode(codec) ?? throw new InvalidDataException("The image cannot be decoded.");
        using var upright = Upright(decoded, codec.EncodedOrigin);
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(upright.Width, upright.Height));
        var (width, height) = (Math.Max(1, (int)Math.Round(upright.Width * scale)), Math.Max(1, (int)Math.Round(upright.Height * scale)));
        using var resized = upright.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
                            ?? throw new InvalidDataException("The image cannot be resized.");
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, 82) ?? throw new InvalidDataException("The image cannot be encoded.");
        return (encoded.ToArray(), width, height);
    }

    /// <summary>Re-encoding drops the orientation tag, so the pixels are turned instead (the common camera rotations).</summary>
    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var degrees = origin switch { SKEncodedOrigin.RightTop => 90, SKEncodedOrigin.BottomRight => 180, SKEncodedOrigin.LeftBottom => 270, _ => 0 };
        if (degrees == 0) return bitmap.Copy();
        var (width, height) = degrees == 180 ? (bitmap.Width, bitmap.Height) : (bitmap.Height, bitmap.Width);
        var rotated = new SKBitmap(width, height);
        using var canvas = new SKCanvas(rotated);
        canvas.Translate(width / 2f, height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        return rotated;
    }
}
