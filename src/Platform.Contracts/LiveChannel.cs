namespace Platform.Contracts;

/// <summary>The PostgreSQL NOTIFY channel that carries committed changes to live subscribers on every API node.</summary>
public static class LiveChannel
{
    public const string Name = "platform_live";

    /// <summary>PostgreSQL refuses NOTIFY payloads from 8000 bytes on.</summary>
    public const int MaxPayloadBytes = 7999;
}
