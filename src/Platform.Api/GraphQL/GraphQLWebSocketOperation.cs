namespace Platform.Api.GraphQL;

/// <summary>An operation that can be cancelled before it starts streaming and disposed once it does.</summary>
internal sealed class GraphQLWebSocketOperation : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private IDisposable? subscription;
    private AsyncServiceScope? scope;
    public CancellationToken Cancellation => cancellation.Token;
    public bool HasSubscription => subscription is not null;

    public void Attach(IDisposable stream, AsyncServiceScope owner)
    {
        subscription = stream;
        scope = owner;
        if (cancellation.IsCancellationRequested) Dispose();
    }

    public void Dispose()
    {
        cancellation.Cancel();
        subscription?.Dispose();
        scope?.Dispose();
    }
}
