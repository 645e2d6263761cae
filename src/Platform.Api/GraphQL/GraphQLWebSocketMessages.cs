using System.Text;
using System.Text.Json;

namespace Platform.Api.GraphQL;

/// <summary>Reading graphql-transport-ws messages and writing close reasons.</summary>
public static class GraphQLWebSocketMessages
{
    public static string? BearerToken(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in payload.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String) continue;
            var value = property.Value.GetString()!;
            if (property.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
            if (property.Name.Equals("token", StringComparison.OrdinalIgnoreCase)) return value;
        }
        return null;
    }

    public static string? TryGetId(JsonElement message) =>
        message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value : null;

    /// <summary>Close reasons must fit in 123 UTF-8 bytes: cut at a character boundary.</summary>
    public static string CloseReason(string reason)
    {
        while (Encoding.UTF8.GetByteCount(reason) > 123) reason = reason[..^(char.IsLowSurrogate(reason[^1]) ? 2 : 1)];
        return reason;
    }
}
