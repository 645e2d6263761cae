using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Platform.Api.Infrastructure;

namespace Platform.Api.GraphQL;

/// <summary>
/// A parsed request document, or why it was refused before validation. Validation's cost grows faster than the
/// document (the overlapping-fields rule compares every pair of same-named fields), so a document is measured first,
/// in time linear in its length: characters, then tokens, then (parsed, depth-bounded) fields after fragment
/// expansion, aliases and fragment spreads.
/// </summary>
public sealed record ParsedDocument(GraphQLDocument? Document, ExecutionError? Refusal)
{
    /// <summary>The document's operation for a request, or null when it did not parse or does not name one.</summary>
    public OperationType? OperationType(string? operationName) =>
        Document is null ? null : GraphQLRequestParser.OperationTypeOf(Document, operationName);
}

public static class DocumentLimits
{
    public const string TooLarge = "DOCUMENT_TOO_LARGE";
    /// <summary>The code GraphQL.NET's complexity analyzer gives a document past the depth limit: one code for one problem.</summary>
    public const string TooDeep = "COMPLEXITY";

    public static ParsedDocument Parse(string query, GraphQLLimits limits)
    {
        if (query.Length > limits.MaxDocumentLength)
            return Refused(TooLarge, $"The document is longer than {limits.MaxDocumentLength} characters.");
        if (TokenCount(query, limits.MaxTokens + 1) > limits.MaxTokens)
            return Refused(TooLarge, $"The document has more than {limits.MaxTokens} tokens.");
        if (query.Contains('\0') || query.Contains("\\u0000", StringComparison.Ordinal))
            return Refused(ErrorCodes.Validation, NulMessage);
        GraphQLDocument document;
        try
        {
            // The parser counts AST nodes, about two per level of fields: past this, the document is far over MaxDepth,
            // which the complexity analyzer checks precisely (fragments expanded) for the rest.
            document = Parser.Parse(query, new ParserOptions { MaxDepth = 2 * limits.MaxDepth + 16 });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return Refused(TooDeep, $"Query is too nested to execute: far more than the {limits.MaxDepth} levels allowed.");
        }
        catch (GraphQLParserException)
        {
            return new ParsedDocument(null, null); // a syntax error: the executer reports it with its position
        }
        var shape = Shape.Of(document);
        if (Math.Max(shape.Fields, shape.WrittenFields) > limits.MaxFields)
            return Refused(TooLarge, $"The document selects more than {limits.MaxFields} fields (fragments expanded).");
        if (shape.Aliases > limits.MaxAliases)
            return Refused(TooLarge, $"The document has more than {limits.MaxAliases} aliases.");
        if (shape.FragmentSpreads > limits.MaxFragmentSpreads)
            return Refused(TooLarge, $"The document has more than {limits.MaxFragmentSpreads} fragment spreads.");
        return new ParsedDocument(document, null);
    }

    private const string NulMessage = "Text may not contain the NUL character (\\u0000).";

    /// <summary>PostgreSQL stores no NUL character in text or JSON: a value holding one is refused before anything runs.</summary>
    public static ExecutionError? RefuseNul(Inputs? variables) =>
        variables is not null && variables.Values.Any(HoldsNul) ? new ExecutionError(NulMessage) { Code = ErrorCodes.Validation } : null;

    private static bool HoldsNul(object? value) => value switch
    {
        string text => text.Contains('\0'),
        IDictionary<string, object?> map => map.Keys.Any(k => k.Contains('\0')) || map.Values.Any(HoldsNul),
        System.Collections.IEnumerable items => items.Cast<object?>().Any(HoldsNul),
        _ => false,
    };

    private static ParsedDocument Refused(string code, string message) => new(null, new ExecutionError(message) { Code = code });

    /// <summary>Tokens up to <paramref name="stopAt"/>; a lexical error ends the count (the parser reports it).</summary>
    private static int TokenCount(string query, int stopAt)
    {
        var count = 0;
        var position = 0;
        try
        {
            while (count < stopAt)
            {
                var token = Lexer.Lex(query, position);
                if (token.Kind == TokenKind.EOF) break;
                count++;
                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException) { }
        return count;
    }

    /// <summary>Counts over the whole document; a fragment's fields count once per spread (memoised, so cycles and fragment bombs stay linear).</summary>
    private sealed class Shape
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> fragments;
        private readonly Dictionary<string, long> fieldsPerFragment = [];
        /// <summary>Fields the operations select, fragments expanded.</summary>
        public long Fields { get; private set; }
        /// <summary>Fields as written, unused fragments included (validation visits them too).</summary>
        public int WrittenFields { get; private set; }
        public int Aliases { get; private set; }
        public int FragmentSpreads { get; private set; }

        private Shape(GraphQLDocument document) =>
            fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
                .DistinctBy(f => f.FragmentName.Name.StringValue)
                .ToDictionary(f => f.FragmentName.Name.StringValue);

        public static Shape Of(GraphQLDocument document)
        {
            var shape = new Shape(document);
            foreach (var definition in document.Definitions)
            {
                if (definition is GraphQLOperationDefinition operation) shape.Fields += shape.Count(operation.SelectionSet, countSyntax: true);
                else if (definition is GraphQLFragmentDefinition fragment) shape.Count(fragment.SelectionSet, countSyntax: true);
            }
            return shape;
        }

        /// <summary>Fields selected here with fragments expanded; aliases and spreads are counted as written, once.</summary>
        private long Count(GraphQLSelectionSet? selections, bool countSyntax)
        {
            if (selections is null) return 0;
            long fields = 0;
            foreach (var selection in selections.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        if (countSyntax)
                        {
                            WrittenFields++;
                            if (field.Alias is not null) Aliases++;
                        }
                        fields = Saturating(fields, 1 + Count(field.SelectionSet, countSyntax));
                        break;
                    case GraphQLInlineFragment inline:
                        fields = Saturating(fields, Count(inline.SelectionSet, countSyntax));
                        break;
                    case GraphQLFragmentSpread spread:
                        if (countSyntax) FragmentSpreads++;
                        fields = Saturating(fields, FieldsOf(spread.FragmentName.Name.StringValue));
                        break;
                }
            }
            return fields;
        }

        private long FieldsOf(string fragment)
        {
            if (fieldsPerFragment.TryGetValue(fragment, out var known)) return known;
            if (!fragments.TryGetValue(fragment, out var definition)) return 0; // unknown: validation reports it
            fieldsPerFragment[fragment] = 0; // a cycle counts nothing more: validation reports it
            return fieldsPerFragment[fragment] = Count(definition.SelectionSet, countSyntax: false);
        }

        private static long Saturating(long a, long b) => Math.Min(a + b, int.MaxValue);
    }
}
