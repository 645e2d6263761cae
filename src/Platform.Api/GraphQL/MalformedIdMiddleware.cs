using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Types;
using Platform.Api.Infrastructure;

namespace Platform.Api.GraphQL;

/// <summary>
/// Every id in this schema is a GUID: an <c>ID</c> argument that is not one is a <c>VALIDATION</c> error naming the argument,
/// before access checks and resolvers (which would otherwise answer null or NOT_FOUND, as if the id were merely unknown).
/// </summary>
public sealed class MalformedIdMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        foreach (var argument in (IEnumerable<QueryArgument>?)context.FieldDefinition.Arguments ?? [])
        {
            if (!IsId(argument.ResolvedType) || context.Arguments?.TryGetValue(argument.Name, out var value) != true) continue;
            var values = value.Value as IEnumerable<object?> ?? [value.Value]; // a list of ids, or one
            if (values.Any(v => v is string text && !Guid.TryParse(text, out _)))
                throw DomainException.Invalid($"'{argument.Name}' is not a valid id.");
        }
        return next(context);
    }

    /// <summary>An id given inside an input object, which this middleware does not reach: the same VALIDATION error, naming it.</summary>
    public static Guid InputId(string? value, string name) =>
        Guid.TryParse(value, out var id) ? id : throw DomainException.Invalid($"'{name}' is not a valid id.");

    private static bool IsId(IGraphType? type) => type switch
    {
        NonNullGraphType nonNull => IsId(nonNull.ResolvedType),
        ListGraphType list => IsId(list.ResolvedType),
        _ => type is IdGraphType,
    };
}
