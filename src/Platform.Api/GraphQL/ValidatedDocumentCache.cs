using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace Platform.Api.GraphQL;

/// <summary>
/// GraphQL.NET's validated-document cache (what its MemoryDocumentCache package does, which is not served here): a document
/// text that passed validation once is not validated again. Validation depends only on the schema and the text, except the
/// complexity rule, which also weighs the variables: that one still runs on every request.
/// </summary>
public sealed class ValidatedDocumentCache : IConfigureExecution
{
    // A client sends a few dozen distinct documents; a thousand of at most MaxDocumentLength characters bound the memory
    // a stream of distinct documents can take, and least recently used ones go first.
    private readonly MemoryCache documents = new(new MemoryCacheOptions { SizeLimit = 1_000 });

    // After the options configurators (100), which add the validation rules this replaces on a hit.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { Length: > 0 } query) return await next(options);
        if (documents.TryGetValue(query, out GraphQLDocument? validated))
        {
            options.Document = validated;
            options.ValidationRules = [.. options.CachedDocumentValidationRules ?? [],
                .. (options.ValidationRules ?? DocumentValidator.CoreRules).OfType<ComplexityValidationRule>()];
            return await next(options);
        }
        var result = await next(options);
        if (result.Executed && options.Document is { } document) documents.Set(query, document, new MemoryCacheEntryOptions { Size = 1 });
        return result;
    }
}
