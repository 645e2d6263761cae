using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Platform.Api.Privacy;

/// <summary>
/// The key-management port: one AES-256 key per person, which seals that person's personal fields in the events.
/// Destroying the key is the erasure (crypto-shredding): the events stay, their personal fields can no longer be read.
/// The calls are synchronous because the event serializer (System.Text.Json converters) is; keys are cached in memory.
/// The embedded adapter keeps the keys in the database wrapped by a master key; a KMS adapter would keep them there instead.
/// </summary>
public interface IPersonalDataKeys
{
    /// <summary>The person's key, made on first use; null once it was destroyed (it is never made again).</summary>
    byte[]? KeyForSealing(Guid personId);

    /// <summary>The person's key, or null when it was destroyed (or never made): the fields read as "deleted member".</summary>
    byte[]? KeyForOpening(Guid personId);

    /// <summary>The SQL that destroys the key, queued in the erasure's own transaction (so the event and the shredding commit together).</summary>
    (string Sql, object[] Parameters) DestroySql(Guid personId, DateTimeOffset at);

    /// <summary>Drops the cached key once the erasure committed.</summary>
    void Forget(Guid personId);
}

/// <summary>The <c>Privacy</c> configuration section.</summary>
public sealed class PrivacyOptions
{
    /// <summary>The master key that wraps every person's key (base64, 32 bytes). Unset: a key made once and kept at <see cref="MasterKeyPath"/>.</summary>
    public string MasterKey { get; set; } = "";
    public string MasterKeyPath { get; set; } = Path.Combine(".platform", "keys", "personal-data-master.key");
    /// <summary>How long a download link for an export works.</summary>
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>How many exports one person may request per day (an export reads everything they did).</summary>
    public int ExportsPerDay { get; set; } = 5;
    /// <summary>How long a key stays cached on a node: another node's erasure is honoured here after at most this long.</summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Days an erased account's non-ledger events stay until an admin sets another number (<c>setErasedAccountRetention</c>).</summary>
    public int ErasedAccountRetentionDays { get; set; } = 30;
}

/// <summary>
/// Embedded adapter: keys in <c>platform.personal_keys</c>, each wrapped with AES-GCM by the master key, the person id as
/// associated data (a wrapped key copied onto another person's row does not open). Erasure sets <c>wrapped</c> to null and
/// keeps the row as a tombstone, so a late write can never make the person a fresh key.
/// </summary>
public sealed class EmbeddedPersonalDataKeys(NpgsqlDataSource database, PrivacyOptions options, TimeProvider clock) : IPersonalDataKeys
{
    public const string Table = "platform.personal_keys";
    private readonly byte[] master = LoadMasterKey(options);
    private readonly ConcurrentDictionary<Guid, (byte[]? Key, DateTimeOffset Until)> cache = new();

    /// <summary>The table, created with the rest of the schema by Marten.</summary>
    public static Table Schema()
    {
#pragma warning disable CS0618 // the plain two-part name is what this table is; the newer overload only adds quoting choices
        var table = new Table(new PostgresqlObjectName("platform", "personal_keys"));
#pragma warning restore CS0618
        table.AddColumn<Guid>("person_id").AsPrimaryKey();
        table.AddColumn("wrapped", "bytea").AllowNulls();
        table.AddColumn("created_at", "timestamptz").NotNull();
        table.AddColumn("erased_at", "timestamptz").AllowNulls();
        return table;
    }

    public byte[]? KeyForSealing(Guid personId)
    {
        if (Cached(personId) is { } known) return known.Key;
        var fresh = RandomNumberGenerator.GetBytes(32);
        using (var insert = database.CreateCommand(
            $"insert into {Table} (person_id, wrapped, created_at) values ($1, $2, $3) on conflict (person_id) do nothing"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = personId });
            insert.Parameters.Add(new NpgsqlParameter { Value = Wrap(personId, fresh) });
            insert.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            insert.ExecuteNonQuery();
        }
        return Load(personId); // someone else's insert may have won (or the person was erased): use what is stored
    }

    public byte[]? KeyForOpening(Guid personId) => Cached(personId) is { } known ? known.Key : Load(personId);

    public (string Sql, object[] Parameters) DestroySql(Guid personId, DateTimeOffset at) =>
        ($"insert into {Table} (person_id, wrapped, created_at, erased_at) values (?, null, ?, ?) " +
         "on conflict (person_id) do update set wrapped = null, erased_at = excluded.erased_at", [personId, at, at]);

    public void Forget(Guid personId) => cache[personId] = (null, DateTimeOffset.MaxValue);

    private (byte[]? Key, DateTimeOffset Until)? Cached(Guid personId) =>
        cache.TryGetValue(personId, out var entry) && entry.Until > clock.GetUtcNow() ? entry : null;

    private byte[]? Load(Guid personId)
    {
        using var select = database.CreateCommand($"select wrapped, erased_at is not null from {Table} where person_id = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = personId });
        using var reader = select.ExecuteReader();
        if (!reader.Read()) return null; // never made: nothing to cache, the first sealing makes it
        var key = reader.IsDBNull(0) ? null : Unwrap(personId, (byte[])reader[0]);
        // A destroyed key never comes back, so its tombstone is remembered for good.
        cache[personId] = (key, reader.GetBoolean(1) ? DateTimeOffset.MaxValue : clock.GetUtcNow() + options.KeyCacheLifetime);
        return key;
    }

    private byte[] Wrap(Guid personId, byte[] key) => PersonalDataCipher.Seal(master, personId.ToByteArray(), key);

    private byte[] Unwrap(Guid personId, byte[] wrapped) => PersonalDataCipher.Open(master, personId.ToByteArray(), wrapped);

    /// <summary><c>Privacy__MasterKey</c> when set; otherwise a key made once at <c>Privacy__MasterKeyPath</c>. Losing it loses every person's data: back it up.</summary>
    private static byte[] LoadMasterKey(PrivacyOptions options)
    {
        if (options.MasterKey.Length > 0)
        {
            var key = Convert.FromBase64String(options.MasterKey);
            return key.Length == 32 ? key : throw new InvalidOperationException("Privacy__MasterKey must be 32 bytes (base64).");
        }
        return Infrastructure.KeyFiles.LoadOrCreateBase64(options.MasterKeyPath);
    }
}

/// <summary>AES-256-GCM: nonce (12 bytes) | tag (16) | ciphertext, with associated data binding the blob to its owner.</summary>
public static class PersonalDataCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(byte[] key, byte[] associated, byte[] plain)
    {
        var blob = new byte[NonceSize + TagSize + plain.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), associated);
        return blob;
    }

    /// <summary>Throws <see cref="CryptographicException"/> when the key or the associated data is not the one it was sealed with.</summary>
    public static byte[] Open(byte[] key, byte[] associated, byte[] blob)
    {
        var plain = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, associated);
        return plain;
    }
}
