using GraphQL;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Wolverine;

namespace Platform.Api.GraphQL.Schema;

/// <summary>What resolvers take from the request: the caller, the read session and the command bus.</summary>
public static class ResolverContext
{
    public static IQuerySession Reads(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IQuerySession>();

    /// <summary>Waits, bounded, until the async read model <paramref name="projection"/> has applied the caller's own last commit (see <see cref="ReadYourWrites"/>).</summary>
    public static Task SeeOwnWrites(this IResolveFieldContext context, string projection) =>
        context.RequestServices!.GetRequiredService<ReadYourWrites>().Wait(context.Reads(), context.Caller().UserId, projection, context.CancellationToken);

    public static IMessageContext Commands(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IMessageContext>();

    public static Caller Caller(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<Caller>();

    /// <summary>The signed-in caller's id; fields that use it declare that only signed-in callers may call them.</summary>
    public static Guid UserId(this IResolveFieldContext context) =>
        context.Caller().UserId ?? throw new DomainException(ErrorCodes.Unauthenticated, "Sign in to do this.");

    public static Guid IdArgument(this IResolveFieldContext context, string name) =>
        Guid.TryParse(context.GetArgument<string>(name), out var id) ? id : throw DomainException.NotFound($"'{name}'");
}
