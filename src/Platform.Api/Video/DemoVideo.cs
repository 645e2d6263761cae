using System.Text;

namespace Platform.Api.Video;

/// <summary>
/// A small playable video made at run time (no downloads, no codec): an uncompressed AVI of colour bars
/// sliding across the frame. Demo data uploads it through the local provider.
/// </summary>
public static class DemoVideo
{
    public static byte[] ColourBars(int width = 64, int height = 48, int frames = 24, int fps = 12)
    {
        if (width % 4 != 0) throw new ArgumentException("The width must be a multiple of 4 (24-bit rows need no padding then).", nameof(width));
        var frameSize = width * height * 3;
        using var movi = new MemoryStream();
        var index = new List<(int Offset, int Size)>();
        for (var f = 0; f < frames; f++)
        {
            var frame = new byte[frameSize];
            for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var bar = ((x + f * width / frames) * 8 / width) % 8; // eight bars, moving one step a frame
                var (r, g, b) = ((bar & 4) != 0 ? 255 : 40, (bar & 2) != 0 ? 255 : 40, (bar & 1) != 0 ? 255 : 40);
                var at = (y * width + x) * 3;
                (frame[at], frame[at + 1], frame[at + 2]) = ((byte)b, (byte)g, (byte)r); // BGR, bottom-up: a vertical pattern looks the same
            }
            index.Add(((int)movi.Length + 4, frameSize)); // offsets count from the 'movi' fourcc
            Chunk(movi, "00db", frame);
        }

        using var headers = new MemoryStream();
        var avih = new BinaryWriter(new MemoryStream());
        foreach (var value in new[] { 1_000_000 / fps, frameSize * fps, 0, 0x10, frames, 0, 1, frameSize, width, height, 0, 0, 0, 0 }) avih.Write(value);
        Chunk(headers, "avih", ((MemoryStream)avih.BaseStream).ToArray());
        using var strl = new MemoryStream();
        var strh = new BinaryWriter(new MemoryStream());
        strh.Write(Encoding.ASCII.GetBytes("vidsDIB "));
        foreach (var value in new[] { 0, 0, 0, 1, fps, 0, frames, frameSize, -1, 0 }) strh.Write(value);
        foreach (var value in new short[] { 0, 0, (short)width, (short)height }) strh.Write(value);
        Chunk(strl, "strh", ((MemoryStream)strh.BaseStream).ToArray());
        var strf = new BinaryWriter(new MemoryStream());
        strf.Write(40); strf.Write(width); strf.Write(height); strf.Write((short)1); strf.Write((short)24);
        foreach (var value in new[] { 0, frameSize, 0, 0, 0, 0 }) strf.Write(value);
        Chunk(strl, "strf", ((MemoryStream)strf.BaseStream).ToArray());
        List(headers, "strl", strl.ToArray());

        var idx1 = new BinaryWriter(new MemoryStream());
        foreach (var (offset, size) in index)
        {
            idx1.Write(Encoding.ASCII.GetBytes("00db"));
            idx1.Write(0x10); // a key frame
            idx1.Write(offset);
            idx1.Write(size);
        }

        using var body = new MemoryStream();
        List(body, "hdrl", headers.ToArray());
        List(body, "movi", movi.ToArray());
        Chunk(body, "idx1", ((MemoryStream)idx1.BaseStream).ToArray());
        using var file = new MemoryStream();
        file.Write(Encoding.ASCII.GetBytes("RIFF"));
        file.Write(BitConverter.GetBytes((int)body.Length + 4));
        file.Write(Encoding.ASCII.GetBytes("AVI "));
        body.WriteTo(file);
        return file.ToArray();
    }

    /// <summary>The media type of a stored file, from its first bytes.</summary>
    public static string MediaTypeOf(ReadOnlySpan<byte> start) =>
        start.Length >= 12 && start[..4].SequenceEqual("RIFF"u8) && start[8..12].SequenceEqual("AVI "u8) ? "video/x-msvideo"
        : start.Length >= 4 && start[..4].SequenceEqual(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }) ? "video/webm"
        : "video/mp4";

    private static void Chunk(Stream to, string id, byte[] data)
    {
        to.Write(Encoding.ASCII.GetBytes(id));
        to.Write(BitConverter.GetBytes(data.Length));
        to.Write(data);
        if (data.Length % 2 == 1) to.WriteByte(0);
    }

    private static void List(Stream to, string type, byte[] data)
    {
        to.Write(Encoding.ASCII.GetBytes("LIST"));
        to.Write(BitConverter.GetBytes(data.Length + 4));
        to.Write(Encoding.ASCII.GetBytes(type));
        to.Write(data);
    }
}
