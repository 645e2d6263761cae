using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;

namespace Platform.Api.GraphQL;

/// <summary>A GraphQL request after its JSON shape was checked: the same for HTTP and WebSocket.</summary>
public sealed record GraphQLOperation(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions);

/// <summary>Checks the JSON types of a request's members, as the GraphQL-over-HTTP spec asks.</summary>
public static class GraphQLRequestParser
{
    public static GraphQLOperation FromJson(JsonElement body, IGraphQLTextSerializer serializer)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new GraphQLRequestException("The request body must be a JSON object (batching is not supported).");
        var extensions = ObjectOrNull(body, "extensions", serializer);
        var query = body.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString()!
            // A persisted query's hash may stand in for the document (see PersistedDocuments).
            : (!body.TryGetProperty("query", out q) || q.ValueKind == JsonValueKind.Null) && PersistedDocuments.HashOf(extensions) is not null ? ""
            : throw new GraphQLRequestException("'query' must be a string.");
        return new GraphQLOperation(
            query,
            StringOrNull(body, "operationName"),
            ObjectOrNull(body, "variables", serializer),
            extensions);
    }

    public static GraphQLOperation FromQueryString(IQueryCollection parameters, IGraphQLTextSerializer serializer)
    {
        var query = parameters["query"].ToString();
        var extensions = JsonObjectParameter(parameters, "extensions", serializer);
        if (string.IsNullOrEmpty(query) && PersistedDocuments.HashOf(extensions) is null)
            throw new GraphQLRequestException("The 'query' parameter is required.");
        var operationName = parameters["operationName"].ToString();
        return new GraphQLOperation(
            query,
            operationName.Length == 0 ? null : operationName,
            JsonObjectParameter(parameters, "variables", serializer),
            extensions);
    }

    /// <summary>The type of the operation the request will run, or null when the document does not parse or name it.</summary>
    public static OperationType? OperationTypeOf(GraphQLDocument document, string? operationName) => OperationOf(document, operationName)?.Operation;

    /// <summary>The operation a request runs: the named one, or the only one.</summary>
    public static GraphQLOperationDefinition? OperationOf(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    private static string? StringOrNull(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new GraphQLRequestException($"'{name}' must be a string or null.");

    private static Inputs? ObjectOrNull(JsonElement body, string name, IGraphQLTextSerializer serializer) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? serializer.Deserialize<Inputs>(value.GetRawText())
        : throw new GraphQLRequestException($"'{name}' must be an object or null.");

    private static Inputs? JsonObjectParameter(IQueryCollection parameters, string name, IGraphQLTextSerializer serializer)
    {
        var raw = parameters[name].ToString();
        if (raw.Length == 0) return null;
        try
        {
            using var json = JsonDocument.Parse(raw);
            return json.RootElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Object => serializer.Deserialize<Inputs>(raw),
                _ => throw new GraphQLRequestException($"'{name}' must be a JSON object."),
            };
        }
        catch (JsonException)
        {
            throw new GraphQLRequestException($"'{name}' is not valid JSON.");
        }
    }
}

/// <summary>A request that is not a well-formed GraphQL request; the transport answers it without executing.</summary>
public sealed class GraphQLRequestException(string message) : Exception(message);
