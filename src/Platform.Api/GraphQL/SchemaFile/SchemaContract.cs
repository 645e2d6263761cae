using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;

namespace Platform.Api.GraphQL.SchemaFile;

/// <summary>
/// <c>schema.graphql</c> at the repository root: the running schema in SDL, what frontends generate types from.
/// Breaking changes to it (a removed type, field, argument, input field or enum value; a changed type; a new required
/// argument or input field) must each be named, as <c>`Type.field(argument:)`</c>, in <c>docs/schema-changes.md</c>.
/// </summary>
public static class SchemaContract
{
    public const string FileName = "schema.graphql";
    public const string ChangeLog = "docs/schema-changes.md";

    public static string Print(ISchema schema)
    {
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    /// <summary>The breaking changes from <paramref name="before"/> to <paramref name="after"/> (both SDL), as schema coordinates.</summary>
    public static IReadOnlyList<string> BreakingChanges(string before, string after)
    {
        var old = Shapes(before);
        var now = Shapes(after);
        var changes = new List<string>();
        foreach (var (typeName, was) in old)
        {
            if (!now.TryGetValue(typeName, out var type)) { changes.Add($"{typeName} removed"); continue; }
            if (type.Kind != was.Kind) { changes.Add($"{typeName} changed from {was.Kind} to {type.Kind}"); continue; }
            foreach (var (member, wasType) in was.Members)
            {
                if (!type.Members.TryGetValue(member, out var isType))
                {
                    var fieldGone = member.IndexOf('(') is var open and > 0 && !type.Members.ContainsKey(member[..open]);
                    if (!fieldGone) changes.Add($"{typeName}.{member} removed"); // a removed field's arguments go with it
                }
                else if (isType != wasType) changes.Add($"{typeName}.{member} changed from {wasType} to {isType}");
            }
            foreach (var (member, isType) in type.Members)
                if (!was.Members.ContainsKey(member) && isType.EndsWith("! required", StringComparison.Ordinal) && !OnNewField(member, was))
                    changes.Add($"{typeName}.{member} added as required");
        }
        return changes;
    }

    // A new field's required arguments break no existing caller: nobody calls the field yet.
    private static bool OnNewField(string member, Shape was) =>
        member.IndexOf('(') is var open and > 0 && !was.Members.ContainsKey(member[..open]);

    /// <summary>The breaking changes that <paramref name="changeLog"/> does not name by their coordinate in backticks.</summary>
    public static IReadOnlyList<string> Unrecorded(IEnumerable<string> changes, string changeLog) =>
        changes.Where(change => !changeLog.Contains($"`{change[..change.IndexOf(' ')]}`", StringComparison.Ordinal)).ToList();

    private sealed record Shape(string Kind, Dictionary<string, string> Members);

    // Members are keyed by coordinate (field, field(argument:), input field, enum value, union member); the value is its type,
    // marked " required" for an input that has no default, since adding one breaks existing callers.
    private static Dictionary<string, Shape> Shapes(string sdl)
    {
        var shapes = new Dictionary<string, Shape>();
        foreach (var definition in GraphQLParser.Parser.Parse(sdl).Definitions.OfType<GraphQLTypeDefinition>())
        {
            var members = new Dictionary<string, string>();
            switch (definition)
            {
                case IHasFieldsDefinitionNode { Fields: { } fields }:
                    foreach (var field in fields.Items)
                    {
                        members[field.Name.StringValue] = TypeName(field.Type);
                        foreach (var argument in field.Arguments?.Items ?? [])
                            members[$"{field.Name.StringValue}({argument.Name.StringValue}:)"] = Input(argument.Type, argument.DefaultValue);
                    }
                    break;
                case GraphQLInputObjectTypeDefinition { Fields: { } inputFields }:
                    foreach (var field in inputFields.Items) members[field.Name.StringValue] = Input(field.Type, field.DefaultValue);
                    break;
                case GraphQLEnumTypeDefinition { Values: { } values }:
                    foreach (var value in values.Items) members[value.Name.StringValue] = "value";
                    break;
                case GraphQLUnionTypeDefinition { Types: { } types }:
                    foreach (var type in types.Items) members[type.Name.StringValue] = "member";
                    break;
            }
            shapes[definition.Name.StringValue] = new Shape(definition.Kind.ToString(), members);
        }
        return shapes;
    }

    private static string TypeName(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => TypeName(nonNull.Type) + "!",
        GraphQLListType list => $"[{TypeName(list.Type)}]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => type.Kind.ToString(),
    };

    private static string Input(GraphQLType type, GraphQLValue? defaultValue) =>
        TypeName(type) + (type is GraphQLNonNullType && defaultValue is null ? " required" : "");
}
