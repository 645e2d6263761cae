using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Api.Mail;

/// <summary>
/// Links that act without signing in (one-click unsubscribe, a member's calendar feed) carry an HMAC of what they name,
/// keyed with the platform's link key: changing the user or the kind breaks the signature.
/// </summary>
public sealed class SignedLinks(byte[] key, string origin)
{
    public string Origin { get; } = origin.TrimEnd('/');

    public string Sign(params string[] parts) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    public bool Verify(string? signature, params string[] parts) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(parts)));

    /// <summary>
    /// The query of a link that works until <paramref name="until"/> (to the second): its expiry, and a signature over
    /// <paramref name="parts"/> and that expiry, so neither what it names nor when it ends can be changed.
    /// </summary>
    public string Expiring(DateTimeOffset until, params string[] parts)
    {
        var expires = until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"expires={expires}&sig={Sign([.. parts, expires])}";
    }

    /// <summary>Why a link made by <see cref="Expiring"/> is refused: 403 when it was altered, 410 once it expired; null when it holds.</summary>
    public int? Refusal(IQueryCollection query, DateTimeOffset now, params string[] parts)
    {
        var expires = query["expires"].ToString();
        if (!long.TryParse(expires, CultureInfo.InvariantCulture, out var until) || !Verify(query["sig"], [.. parts, expires]))
            return StatusCodes.Status403Forbidden;
        return now.ToUnixTimeSeconds() > until ? StatusCodes.Status410Gone : null;
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// <c>Mail__LinkKey</c> when set; otherwise a key made once and kept at <c>Mail__LinkKeyPath</c>, like the embedded issuer's signing key.
    /// Every node must sign with the same key: share the file or set the key.
    /// </summary>
    public static byte[] LoadKey(MailOptions options)
    {
        if (options.LinkKey.Length > 0)
        {
            var key = Convert.FromBase64String(options.LinkKey);
            return key.Length >= 32 ? key : throw new InvalidOperationException("Mail__LinkKey must be at least 32 bytes (base64).");
        }
        return Infrastructure.KeyFiles.LoadOrCreateBase64(options.LinkKeyPath);
    }
}
