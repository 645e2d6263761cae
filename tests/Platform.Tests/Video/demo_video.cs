using System.Text;
using Platform.Api.Video;

namespace Platform.Tests.Video;

public sealed class demo_video
{
    [Fact]
    public void the_colour_bars_are_a_well_formed_uncompressed_avi_with_an_index_entry_per_frame()
    {
        var avi = DemoVideo.ColourBars(width: 64, height: 48, frames: 24, fps: 12);

        Assert.Equal("RIFF", Encoding.ASCII.GetString(avi, 0, 4));
        Assert.Equal(avi.Length - 8, BitConverter.ToInt32(avi, 4));
        Assert.Equal("AVI ", Encoding.ASCII.GetString(avi, 8, 4));
        var text = Encoding.ASCII.GetString(avi);
        var avih = text.IndexOf("avih", StringComparison.Ordinal);
        Assert.Equal(1_000_000 / 12, BitConverter.ToInt32(avi, avih + 8));   // microseconds per frame
        Assert.Equal(24, BitConverter.ToInt32(avi, avih + 8 + 16));          // total frames
        Assert.Equal((64, 48), (BitConverter.ToInt32(avi, avih + 8 + 32), BitConverter.ToInt32(avi, avih + 8 + 36)));
        var idx1 = text.LastIndexOf("idx1", StringComparison.Ordinal);
        Assert.Equal(24 * 16, BitConverter.ToInt32(avi, idx1 + 4));
        var movi = text.IndexOf("movi", StringComparison.Ordinal);
        var firstFrame = movi + BitConverter.ToInt32(avi, idx1 + 8 + 8);     // idx1 offsets count from the 'movi' fourcc
        Assert.Equal("00db", Encoding.ASCII.GetString(avi, firstFrame, 4));
        Assert.Equal(64 * 48 * 3, BitConverter.ToInt32(avi, firstFrame + 4));
        Assert.Equal("video/x-msvideo", DemoVideo.MediaTypeOf(avi));
    }
}
