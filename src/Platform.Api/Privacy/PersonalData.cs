using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Contracts.Privacy;

namespace Platform.Api.Privacy;

/// <summary>Which fields of which events identify a person, whose they are, and what each reads as once that person's key is gone.</summary>
public sealed record PersonalFields(Type EventType, string Owner, IReadOnlyDictionary<string, Func<Guid, JsonNode?>> Erased);

public static class PersonalData
{
    public const string DeletedMember = ErasedAccount.DeletedMember;

    /// <summary>
    /// The one list. Money, membership and content events carry ids, amounts and what a person wrote for a community; the
    /// identity events carry who the person is (the token subject is often an email or a login name, so it is sealed too).
    /// </summary>
    public static readonly PersonalFields[] Sealed =
    [
        new(typeof(UserRegistered), nameof(UserRegistered.UserId), new Dictionary<string, Func<Guid, JsonNode?>>
        {
            [nameof(UserRegistered.Subject)] = _ => "",
            [nameof(UserRegistered.Handle)] = id => ErasedAccount.Of(id).Handle,
            [nameof(UserRegistered.DisplayName)] = _ => DeletedMember,
            [nameof(UserRegistered.Email)] = _ => null,
        }),
        new(typeof(ProfileUpdated), nameof(ProfileUpdated.UserId), new Dictionary<string, Func<Guid, JsonNode?>>
        {
            [nameof(ProfileUpdated.Handle)] = id => ErasedAccount.Of(id).Handle,
            [nameof(ProfileUpdated.DisplayName)] = _ => DeletedMember,
            [nameof(ProfileUpdated.Bio)] = _ => "",
        }),
        new(typeof(CertificateIssued), nameof(CertificateIssued.UserId), new Dictionary<string, Func<Guid, JsonNode?>>
        {
            [nameof(CertificateIssued.LearnerName)] = _ => DeletedMember,
        }),
    ];
}

/// <summary>
/// Seals personal fields where events are serialized, so command handlers append plain events, projections read plain events,
/// and a rebuild reads what the keys allow today: the personal fields move into one AES-GCM blob (<c>"sealed"</c>) under
/// the person's key; reading opens it, or fills in the "deleted member" values when the key is gone. Events written before
/// sealing existed (no blob) read as they are until <c>seal-personal-data</c> rewrites them.
/// </summary>
public sealed class PersonalDataSealing(IPersonalDataKeys keys) : JsonConverterFactory
{
    public const string SealedProperty = "sealed";
    private readonly Dictionary<Type, PersonalFields> fields = PersonalData.Sealed.ToDictionary(f => f.EventType);

    public override bool CanConvert(Type typeToConvert) => fields.ContainsKey(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(SealingConverter<>).MakeGenericType(typeToConvert), this, fields[typeToConvert])!;

    public bool IsSealed(JsonObject data) => data.ContainsKey(SealedProperty);

    /// <summary>Moves the personal fields of <paramref name="data"/> (an event's JSON, plain) into the sealed blob.</summary>
    public void Seal(JsonObject data, PersonalFields personal, JsonSerializerOptions options)
    {
        var owner = OwnerOf(data, personal, options);
        if (keys.KeyForSealing(owner) is not { } key)
        {
            // An erased person's event read back (the audit trail shows it) holds only the erased values: nothing to seal.
            // Anything else would be personal data written after the erasure, which is refused.
            if (personal.Erased.All(f => JsonNode.DeepEquals(data[Name(f.Key, options)], f.Value(owner)))) return;
            throw new InvalidOperationException($"The personal data of {owner} was erased: nothing personal is written for them again.");
        }
        var plain = new JsonObject();
        foreach (var name in personal.Erased.Keys.Select(n => Name(n, options)))
        {
            plain[name] = data[name]?.DeepClone();
            data.Remove(name);
        }
        var blob = PersonalDataCipher.Seal(key, Associated(owner, personal), Encoding.UTF8.GetBytes(plain.ToJsonString()));
        data[SealedProperty] = Convert.ToBase64String(blob);
    }

    /// <summary>Puts the personal fields back from the blob, or the erased values when the key is gone.</summary>
    public void Open(JsonObject data, PersonalFields personal, JsonSerializerOptions options)
    {
        if (data[SealedProperty] is not JsonValue blob) return;
        data.Remove(SealedProperty);
        var owner = OwnerOf(data, personal, options);
        var plain = keys.KeyForOpening(owner) is { } key
            ? JsonNode.Parse(PersonalDataCipher.Open(key, Associated(owner, personal), Convert.FromBase64String(blob.GetValue<string>())))!.AsObject()
            : null;
        foreach (var (field, erased) in personal.Erased)
        {
            var name = Name(field, options);
            data[name] = plain is null ? erased(owner) : plain[name]?.DeepClone();
        }
    }

    private static Guid OwnerOf(JsonObject data, PersonalFields personal, JsonSerializerOptions options) =>
        data[Name(personal.Owner, options)]!.GetValue<Guid>();

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    /// <summary>A blob opens only for its owner and its event type: copied into another person's event it fails.</summary>
    private static byte[] Associated(Guid owner, PersonalFields personal) => [.. owner.ToByteArray(), .. Encoding.UTF8.GetBytes(personal.EventType.Name)];

    private sealed class SealingConverter<T>(PersonalDataSealing sealing, PersonalFields personal) : JsonConverter<T>
    {
        private JsonSerializerOptions? plainOptions;

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var data = JsonSerializer.SerializeToNode(value, Plain(options))!.AsObject();
            sealing.Seal(data, personal, options);
            data.WriteTo(writer);
        }

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var data = JsonNode.Parse(ref reader)!.AsObject();
            sealing.Open(data, personal, options);
            return data.Deserialize<T>(Plain(options))!;
        }

        /// <summary>The same options without this factory, for the plain (de)serialization on either side of the sealing.</summary>
        private JsonSerializerOptions Plain(JsonSerializerOptions options)
        {
            if (plainOptions is not null) return plainOptions;
            var plain = new JsonSerializerOptions(options);
            plain.Converters.Remove(sealing);
            return plainOptions = plain;
        }
    }
}
