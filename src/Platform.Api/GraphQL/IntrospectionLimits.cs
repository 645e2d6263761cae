using GraphQL.Validation.Complexity;
using GraphQLParser.AST;

namespace Platform.Api.GraphQL;

/// <summary>
/// Lets the standard introspection query (graphql-js <c>getIntrospectionQuery</c>, 15 levels deep, what GraphiQL and
/// graphql-codegen send) past the depth and complexity limits, which stay as they are for every other document.
/// An introspection-only document is bounded differently: at most <see cref="MaxDepth"/> levels, and no type
/// expanded inside another type's expansion (<c>types { fields { type { fields ... } } }</c>), so its cost is bounded by
/// the schema's size rather than growing with each level.
/// </summary>
public static class IntrospectionLimits
{
    public const int MaxDepth = 20;

    private static readonly HashSet<string> RootFields = ["__schema", "__type", "__typename"];
    // __Schema and __Type fields that list types (or their members): the ones whose nesting multiplies the work.
    private static readonly HashSet<string> Expanding = ["types", "fields", "inputFields", "interfaces", "possibleTypes", "enumValues"];

    /// <summary>Complexity validation: clears the error for a bounded introspection-only operation.</summary>
    public static void AllowBoundedIntrospection(ComplexityValidationContext context)
    {
        if (context.Error is null) return;
        var validation = context.ValidationContext;
        if (IsBoundedIntrospection(validation.Operation, validation.Document)) context.Error = null;
    }

    public static bool IsBoundedIntrospection(GraphQLOperationDefinition operation, GraphQLDocument document)
    {
        if (operation.Operation != OperationType.Query) return false;
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        var roots = Fields(operation.SelectionSet, fragments, []).ToList();
        return roots.All(f => RootFields.Contains(f.Name.StringValue))
            && roots.All(f => Bounded(f, depth: 1, expansions: 0, fragments));
    }

    private static bool Bounded(GraphQLField field, int depth, int expansions, Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        if (depth > MaxDepth) return false;
        if (Expanding.Contains(field.Name.StringValue) && ++expansions > 2) return false; // types → fields, and no further
        return field.SelectionSet is null
            || Fields(field.SelectionSet, fragments, []).All(child => Bounded(child, depth + 1, expansions, fragments));
    }

    /// <summary>The fields a selection set selects, through fragment spreads and inline fragments (a spread cycle ends the walk).</summary>
    private static IEnumerable<GraphQLField> Fields(GraphQLSelectionSet set, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> visiting)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var f in Fields(inline.SelectionSet, fragments, visiting)) yield return f;
                    break;
                case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                                                       && visiting.Add(fragment.FragmentName.Name.StringValue):
                    foreach (var f in Fields(fragment.SelectionSet, fragments, visiting)) yield return f;
                    visiting.Remove(fragment.FragmentName.Name.StringValue);
                    break;
            }
        }
    }
}
