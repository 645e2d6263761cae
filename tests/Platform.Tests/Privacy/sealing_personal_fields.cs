using System.Security.Cryptography;
using System.Text.Json;
using Platform.Api.Privacy;
using Platform.Contracts.Identity;
using Platform.Contracts.Privacy;

namespace Platform.Tests.Privacy;

/// <summary>The serializer-level sealing alone, with keys held in memory (the embedded adapter keeps them in PostgreSQL).</summary>
public sealed class sealing_personal_fields
{
    private sealed class KeysInMemory : IPersonalDataKeys
    {
        public readonly Dictionary<Guid, byte[]?> Keys = [];
        public byte[]? KeyForSealing(Guid personId) => Keys.TryGetValue(personId, out var key) ? key : Keys[personId] = RandomNumberGenerator.GetBytes(32);
        public byte[]? KeyForOpening(Guid personId) => Keys.GetValueOrDefault(personId);
        public (string Sql, object[] Parameters) DestroySql(Guid personId, DateTimeOffset at) => ("", []);
        public void Forget(Guid personId) => Keys[personId] = null;
    }

    private readonly KeysInMemory keys = new();
    private readonly JsonSerializerOptions options;
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public sealing_personal_fields() => options = new JsonSerializerOptions { Converters = { new PersonalDataSealing(keys) } };

    private static UserRegistered Registered(Guid id) => new(id, "issuer", "ada@example.test", "ada_l", "Ada Lovelace", "ada@example.test", Now);

    [Fact]
    public void the_stored_json_holds_no_personal_field_and_reads_back_as_the_same_event()
    {
        var registered = Registered(Guid.NewGuid());

        var json = JsonSerializer.Serialize(registered, options);

        Assert.DoesNotContain("ada", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"\"{PersonalDataSealing.SealedProperty}\"", json);
        Assert.Contains(registered.UserId.ToString(), json); // ids stay in clear
        Assert.Equal(registered, JsonSerializer.Deserialize<UserRegistered>(json, options));
    }

    [Fact]
    public void without_the_key_the_fields_read_as_a_deleted_member_and_a_plain_event_from_before_reads_as_it_is()
    {
        var registered = Registered(Guid.NewGuid());
        var json = JsonSerializer.Serialize(registered, options);
        keys.Forget(registered.UserId);

        var erased = ErasedAccount.Of(registered.UserId);
        Assert.Equal(registered with { Subject = "", Handle = erased.Handle, DisplayName = ErasedAccount.DeletedMember, Email = null },
            JsonSerializer.Deserialize<UserRegistered>(json, options));

        var plain = new ProfileUpdated(Guid.NewGuid(), "bob", "Bob", "Hi", Guid.NewGuid(), Now);
        Assert.Equal(plain, JsonSerializer.Deserialize<ProfileUpdated>(JsonSerializer.Serialize(plain), options));
    }

    [Fact]
    public void a_blob_copied_into_another_persons_event_does_not_open()
    {
        var ada = Registered(Guid.NewGuid());
        var other = Guid.NewGuid();
        keys.Keys[other] = keys.KeyForSealing(ada.UserId); // even under the same key, the owner is bound to the blob
        var json = JsonSerializer.Serialize(ada, options).Replace(ada.UserId.ToString(), other.ToString());

        Assert.ThrowsAny<CryptographicException>(() => JsonSerializer.Deserialize<UserRegistered>(json, options));
    }

    [Fact]
    public void after_the_erasure_only_the_erased_values_may_be_written_for_the_person()
    {
        var registered = Registered(Guid.NewGuid());
        var json = JsonSerializer.Serialize(registered, options);
        keys.Forget(registered.UserId);
        var erased = JsonSerializer.Deserialize<UserRegistered>(json, options);

        Assert.Throws<InvalidOperationException>(() => JsonSerializer.Serialize(registered, options));
        var shown = JsonSerializer.Serialize(erased, options); // the audit trail writes an erased event back out
        Assert.Equal(erased, JsonSerializer.Deserialize<UserRegistered>(shown, options));
    }
}
