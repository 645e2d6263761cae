namespace Platform.Api.GraphQL;

public sealed class GraphQLWebSocketOptions
{
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public int MaxMessageBytes { get; set; } = 256 * 1024;
    public int MaxQueuedMessages { get; set; } = 1000;
    public int MaxOperations { get; set; } = 100;
}
