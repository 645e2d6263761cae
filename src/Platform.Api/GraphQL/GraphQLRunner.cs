using System.Diagnostics;
using System.Security.Claims;
using GraphQL;
using GraphQLParser.AST;
using Platform.Api.Audit;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;

namespace Platform.Api.GraphQL;

/// <summary>Runs one GraphQL operation for either transport.</summary>
public sealed class GraphQLRunner(IDocumentExecuter<PlatformSchema> executer, GraphQLLimits limits, PersistedDocuments persisted)
{
    /// <summary>Parses the document once, within the limits, so a transport can look at the operation type before running it.</summary>
    public ParsedDocument Parse(string query) => DocumentLimits.Parse(query, limits);

    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLOperation operation, ParsedDocument parsed, ClaimsPrincipal user,
        IServiceProvider services, CancellationToken cancellation)
    {
        if ((parsed.Refusal ?? DocumentLimits.RefuseNul(operation.Variables)) is { } refusal)
            return new ExecutionResult { Errors = [refusal], Executed = false };
        // Both transports pass here, so an allow-list of trusted documents holds for WebSocket operations too.
        if (!persisted.Allows(operation.Query))
            return new ExecutionResult
            {
                Executed = false,
                Errors = [new ExecutionError("Only the trusted documents registered with this server run here.") { Code = ErrorCodes.NotATrustedDocument }],
            };
        var document = parsed.Document;
        if (SourceOf(document, operation.OperationName) is { } source) AuditContext.Enter(source);
        var chosen = document is null ? null : GraphQLRequestParser.OperationOf(document, operation.OperationName);
        var type = chosen?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        // Metrics are tagged by root fields (bounded by the schema), spans also by the client's operation name.
        var fields = chosen is null ? "" : RootFields(chosen);
        using var activity = TelemetryConfiguration.GraphQL.StartActivity($"{type} {chosen?.Name?.StringValue ?? fields}");
        activity?.SetTag("graphql.operation.type", type);
        activity?.SetTag("graphql.operation.name", chosen?.Name?.StringValue);
        activity?.SetTag("graphql.document.root_fields", fields);
        var started = Stopwatch.GetTimestamp();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = operation.Query,
            Document = parsed.Document,
            OperationName = operation.OperationName,
            Variables = operation.Variables,
            Extensions = operation.Extensions,
            User = user,
            RequestServices = services,
            CancellationToken = cancellation,
        });
        if (result.Errors is { Count: > 0 } errors) activity?.SetStatus(ActivityStatusCode.Error, errors[0].Code);
        TelemetryConfiguration.OperationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            new("graphql.operation.type", type), new("graphql.document.root_fields", fields), new("graphql.executed", result.Executed));
        return result;
    }

    private static string RootFields(GraphQLOperationDefinition operation) =>
        string.Join(",", operation.SelectionSet.Selections.OfType<GraphQLField>().Select(f => f.Name.StringValue).Distinct());

    /// <summary>What the events of this operation record as their source: <c>graphql:</c> its name, or else its root fields' names.</summary>
    public static string? SourceOf(GraphQLDocument? document, string? operationName)
    {
        if (document is null || GraphQLRequestParser.OperationOf(document, operationName) is not { } chosen) return null;
        return AuditContext.GraphQL(chosen.Name?.StringValue ?? RootFields(chosen));
    }

}
