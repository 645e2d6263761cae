using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Api.Identity;

/// <summary>The development token issuer: an RSA key generated once on disk, RS256 tokens with a key id.</summary>
public sealed class EmbeddedIssuer
{
    public const string Issuer = "platform-embedded";
    public const string DefaultAudience = "platform";

    private EmbeddedIssuer(RsaSecurityKey key) => Key = key;

    public RsaSecurityKey Key { get; }

    public static EmbeddedIssuer LoadOrCreate(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var fresh = RSA.Create(2048);
            var temporary = $"{full}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, fresh.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try { File.Move(temporary, full); }
            catch (IOException) { File.Delete(temporary); } // another process created it first: use theirs
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(full));
        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return new EmbeddedIssuer(new RsaSecurityKey(rsa) { KeyId = keyId });
    }

    /// <param name="clock">Stamps issued-at, not-before and expiry; the system clock unless a test brings its own.</param>
    public string Issue(string subject, IEnumerable<string> roles, string? community, string audience, TimeSpan lifetime, TimeProvider? clock = null)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject), new("name", subject) };
        claims.AddRange(roles.Select(role => new Claim("roles", role.Trim().ToLowerInvariant())));
        if (community is not null) claims.Add(new Claim("community", community));
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }
}
