using Platform.Api.Identity;
using Wolverine;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Stamps the scope's Wolverine message context with who is acting and under which correlation id;
/// Wolverine carries both into the Marten session, so every event's metadata records them.
/// </summary>
public static class CommandContext
{
    public static void Stamp(IServiceProvider scope, Caller caller, string correlationId)
    {
        var context = scope.GetRequiredService<IMessageContext>();
        context.CorrelationId = correlationId;
        context.UserName = caller.UserId?.ToString();
    }
}
