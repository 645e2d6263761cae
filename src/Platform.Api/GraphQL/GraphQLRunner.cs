using System.Security.Claims;
using GraphQL;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Platform.Api.Audit;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;

namespace Platform.Api.GraphQL;

/// <summary>Runs one GraphQL operation for either transport.</summary>
public sealed class GraphQLRunner(IDocumentExecuter<PlatformSchema> executer, PersistedDocuments persisted)
{
    /// <summary>Parses the document once, so a transport can look at the operation type before running it.</summary>
    public static GraphQLDocument? ParseOrNull(string query)
    {
        try { return GraphQLParser.Parser.Parse(query); }
        catch (GraphQLParserException) { return null; } // syntax errors, too-deep documents: the executer reports them with a code
    }

    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLOperation operation, GraphQLDocument? document, ClaimsPrincipal user,
        IServiceProvider services, CancellationToken cancellation)
    {
        // Both transports pass here, so an allow-list of trusted documents holds for WebSocket operations too.
        if (!persisted.Allows(operation.Query))
            return new ExecutionResult
            {
                Executed = false,
                Errors = [new ExecutionError("Only the trusted documents registered with this server run here.") { Code = ErrorCodes.NotATrustedDocument }],
            };
        if (SourceOf(document, operation.OperationName) is { } source) AuditContext.Enter(source);
        return await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = operation.Query,
            Document = document,
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

    public static bool IsSubscription(GraphQLDocument? document, string? operationName) =>
        document is not null && GraphQLRequestParser.OperationTypeOf(document, operationName) == OperationType.Subscription;
}
