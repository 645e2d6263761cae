using Platform.Contracts.Chat;

namespace Platform.Api.Chat;

/// <summary>The write model of how far one person has read one conversation.</summary>
public sealed record ReadMarker(DateTimeOffset UpTo)
{
    public static ReadMarker Create(ConversationRead e) => new(e.UpTo);

    public ReadMarker Apply(ConversationRead e) => this with { UpTo = e.UpTo };
}

public static class ReadMarkers
{
    /// <summary>The marker only moves forward, and never past now.</summary>
    public static object[] MarkRead(ReadMarker? current, Guid conversationId, Guid userId, DateTimeOffset? upTo, DateTimeOffset now)
    {
        var until = upTo is { } given && given < now ? given : now;
        return current is not null && current.UpTo >= until ? [] : [new ConversationRead(conversationId, userId, until, now)];
    }
}
