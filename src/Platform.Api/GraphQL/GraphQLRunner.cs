using System.Security.Claims;
using GraphQL;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Platform.Api.GraphQL.Schema;

namespace Platform.Api.GraphQL;

/// <summary>Runs one GraphQL operation for either transport.</summary>
public sealed class GraphQLRunner(IDocumentExecuter<PlatformSchema> executer)
{
    /// <summary>Parses the document once, so a transport can look at the operation type before running it.</summary>
    public static GraphQLDocument? ParseOrNull(string query)
    {
        try { return GraphQLParser.Parser.Parse(query); }
        catch (GraphQLParserException) { return null; } // syntax errors, too-deep documents: the executer reports them with a code
    }

    public Task<ExecutionResult> ExecuteAsync(
        GraphQLOperation operation, GraphQLDocument? document, ClaimsPrincipal user,
        IServiceProvider services, CancellationToken cancellation) =>
        executer.ExecuteAsync(new ExecutionOptions
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

    public static bool IsSubscription(GraphQLDocument? document, string? operationName) =>
        document is not null && GraphQLRequestParser.OperationTypeOf(document, operationName) == OperationType.Subscription;
}
