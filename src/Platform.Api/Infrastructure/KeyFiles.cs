using System.Security.Cryptography;

namespace Platform.Api.Infrastructure;

/// <summary>A 32-byte secret kept as base64 text in a file of its own, made once (owner-only) when the file is missing.</summary>
public static class KeyFiles
{
    public static byte[] LoadOrCreateBase64(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            // Several hosts may start at once (tests): each writes its own file and the first to move it in wins.
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var mine = $"{full}.{Guid.NewGuid():N}";
            File.WriteAllText(mine, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(mine, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try { File.Move(mine, full, overwrite: false); }
            catch (IOException) { File.Delete(mine); }
        }
        return Convert.FromBase64String(File.ReadAllText(full));
    }
}
