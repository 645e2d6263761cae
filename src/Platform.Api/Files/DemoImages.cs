using SkiaSharp;

namespace Platform.Api.Files;

/// <summary>
/// Pictures for the demo data, drawn at run time (no downloads, no fonts): avatars, a post's photo and a lesson's
/// worksheet. The demo uploads them through the same two steps and processing a browser's upload takes.
/// </summary>
public static class DemoImages
{
    private static readonly SKColor[] Backgrounds =
        [new(0x2E, 0x86, 0xAB), new(0xA2, 0x3B, 0x72), new(0xF1, 0x8F, 0x01), new(0x3B, 0x8E, 0x58), new(0x6A, 0x4C, 0x93), new(0xC7, 0x3E, 0x1D)];

    /// <summary>A head-and-shoulders silhouette on a colour of its own for the <paramref name="index"/>-th person, as PNG.</summary>
    public static byte[] Avatar(int index, int size = 256) => Png(size, size, canvas =>
    {
        canvas.Clear(Backgrounds[index % Backgrounds.Length]);
        using var figure = new SKPaint { Color = SKColors.White.WithAlpha(220), IsAntialias = true };
        canvas.DrawCircle(size / 2f, size * 0.4f, size * 0.18f, figure);
        canvas.DrawOval(new SKRect(size * 0.2f, size * 0.64f, size * 0.8f, size * 1.1f), figure);
    });

    /// <summary>An acoustic guitar body on a workbench, as JPEG (a phone's photo).</summary>
    public static byte[] Workbench(int width = 1200, int height = 800) => Encode(width, height, SKEncodedImageFormat.Jpeg, canvas =>
    {
        using var bench = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height),
            [new SKColor(0xC8, 0x9F, 0x6A), new SKColor(0x8B, 0x5E, 0x34)], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, 0, width, height, bench);
        using var grain = new SKPaint { Color = new SKColor(0x6F, 0x45, 0x22, 60), StrokeWidth = 3, IsAntialias = true };
        for (var y = 20; y < height; y += 37) canvas.DrawLine(0, y, width, y + 15, grain);
        using var body = new SKPaint { Color = new SKColor(0xE8, 0xC9, 0x8F), IsAntialias = true };
        var (cx, cy) = (width / 2f, height / 2f);
        canvas.DrawCircle(cx - height * 0.2f, cy, height * 0.22f, body); // upper bout
        canvas.DrawCircle(cx + height * 0.18f, cy, height * 0.3f, body); // lower bout
        canvas.DrawRect(cx - height * 0.2f, cy - height * 0.17f, height * 0.38f, height * 0.34f, body); // waist
        using var hole = new SKPaint { Color = new SKColor(0x2B, 0x1B, 0x0E), IsAntialias = true };
        canvas.DrawCircle(cx - height * 0.06f, cy, height * 0.08f, hole);
        using var neck = new SKPaint { Color = new SKColor(0x5C, 0x3A, 0x1E), IsAntialias = true };
        canvas.DrawRect(cx - height * 0.9f, cy - height * 0.035f, height * 0.5f, height * 0.07f, neck);
    });

    /// <summary>A one-page PDF with an X-bracing pattern to print at full size (lines only: no fonts needed).</summary>
    public static byte[] BracingWorksheet()
    {
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output))
        {
            const float width = 595, height = 842; // A4 in points
            var canvas = document.BeginPage(width, height);
            using var outline = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
            canvas.DrawOval(new SKRect(120, 80, 475, 380), outline);
            canvas.DrawOval(new SKRect(80, 330, 515, 780), outline);
            using var brace = new SKPaint { Color = SKColors.SaddleBrown, StrokeWidth = 8, IsAntialias = true, StrokeCap = SKStrokeCap.Round };
            canvas.DrawLine(170, 250, 440, 640, brace);
            canvas.DrawLine(425, 250, 155, 640, brace);
            canvas.DrawLine(150, 200, 445, 200, brace);
            canvas.DrawCircle(297, 290, 55, outline); // the sound hole
            document.EndPage();
        }
        return output.ToArray();
    }

    private static byte[] Png(int width, int height, Action<SKCanvas> draw) => Encode(width, height, SKEncodedImageFormat.Png, draw);

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap)) draw(canvas);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 88).ToArray();
    }
}
