using GraphQL;
using GraphQL.Instrumentation;
using Platform.Api.Infrastructure;

namespace Platform.Api.GraphQL;

/// <summary>A span per root field's resolver (what a mutation's command runs under); nested fields are too many to be worth one each.</summary>
public sealed class ResolverTracingMiddleware : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (context.Parent is not null || !TelemetryConfiguration.GraphQL.HasListeners()) return await next(context);
        using var activity = TelemetryConfiguration.GraphQL.StartActivity($"resolve {context.FieldDefinition.Name}");
        activity?.SetTag("graphql.field.name", context.FieldDefinition.Name);
        return await next(context);
    }
}
