using System.Security.Claims;
using GraphQL;
using GraphQLParser.AST;
using Platform.Api.Audit;
using Platform.Api.GraphQL.Schema;

namespace Platform.Api.GraphQL;

/// <summary>Runs one GraphQL operation for either transport.</summary>
public sealed class GraphQLRunner(IDocumentExecuter<PlatformSchema> executer, GraphQLLimits limits)
{
    /// <summary>Parses the document once, within the limits, so a transport can look at the operation type before running it.</summary>
    public ParsedDocument Parse(string query) => DocumentLimits.Parse(query, limits);

    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLOperation operation, ParsedDocument parsed, ClaimsPrincipal user,
        IServiceProvider services, CancellationToken cancellation)
    {
        if ((parsed.Refusal ?? DocumentLimits.RefuseNul(operation.Variables)) is { } refusal)
            return new ExecutionResult { Errors = [refusal], Executed = false };
        if (SourceOf(parsed.Document, operation.OperationName) is { } source) AuditContext.Enter(source);
        return await executer.ExecuteAsync(new ExecutionOptions
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
    }

    /// <summary>What the events of this operation record as their source: <c>graphql:</c> its name, or else its root fields' names.</summary>
    public static string? SourceOf(GraphQLDocument? document, string? operationName)
    {
        if (document is null || GraphQLRequestParser.OperationOf(document, operationName) is not { } chosen) return null;
        var name = chosen.Name?.StringValue
            ?? string.Join(",", chosen.SelectionSet.Selections.OfType<GraphQLField>().Select(f => f.Name.StringValue).Distinct());
        return AuditContext.GraphQL(name);
    }

}
