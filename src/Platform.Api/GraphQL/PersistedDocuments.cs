using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using Microsoft.Extensions.Caching.Memory;

namespace Platform.Api.GraphQL;

/// <summary>The <c>GraphQL:TrustedDocuments</c> setting: a JSON manifest <c>{ "sha256 hex": "document" }</c>, as graphql-codegen's client preset writes it.</summary>
public sealed class PersistedDocumentOptions
{
    /// <summary>When set, only the manifest's documents run (an allow-list, for Production); unset, any document runs.</summary>
    public string? TrustedDocuments { get; set; }

    /// <summary>How many automatically persisted documents a node keeps (least recently used go first).</summary>
    public int MaxAutomaticDocuments { get; set; } = 10_000;
}

/// <summary>
/// Persisted documents: Apollo's automatic persisted queries (a request may carry only <c>extensions.persistedQuery.sha256Hash</c>;
/// an unknown hash answers PERSISTED_QUERY_NOT_FOUND, and the client then sends the document with its hash to register it),
/// and optionally trusted documents, where the manifest replaces registration and nothing else runs.
/// </summary>
public sealed class PersistedDocuments
{
    private readonly IReadOnlyDictionary<string, string>? trusted;
    private readonly HashSet<string>? trustedTexts;
    private readonly MemoryCache automatic;

    public PersistedDocuments(PersistedDocumentOptions options)
    {
        automatic = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MaxAutomaticDocuments });
        if (options.TrustedDocuments is not { Length: > 0 } path) return;
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"GraphQL:TrustedDocuments: {path} holds no documents.");
        foreach (var (hash, document) in manifest)
            if (!Hash(document).Equals(hash, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"GraphQL:TrustedDocuments: the document under {hash} in {path} has another SHA-256 hash.");
        trusted = manifest.ToDictionary(e => e.Key.ToLowerInvariant(), e => e.Value);
        trustedTexts = manifest.Values.ToHashSet(StringComparer.Ordinal);
    }

    public bool TrustedOnly => trusted is not null;

    /// <summary>The operation with its document: looked up by hash, or registered when it came with one.</summary>
    public GraphQLOperation Resolve(GraphQLOperation operation)
    {
        if (HashOf(operation.Extensions) is not { } hash) return operation;
        if (operation.Query.Length > 0)
        {
            if (!Hash(operation.Query).Equals(hash, StringComparison.OrdinalIgnoreCase))
                throw new GraphQLRequestException("The persistedQuery sha256Hash does not match the query.");
            if (!TrustedOnly) automatic.Set(hash.ToLowerInvariant(), operation.Query, new MemoryCacheEntryOptions { Size = 1 });
            return operation;
        }
        var document = trusted is not null
            ? trusted.GetValueOrDefault(hash.ToLowerInvariant())
            : automatic.Get<string>(hash.ToLowerInvariant());
        return document is null
            ? throw new PersistedDocumentNotFoundException()
            : operation with { Query = document };
    }

    /// <summary>Whether a document may run: any, unless trusted documents are configured.</summary>
    public bool Allows(string document) => trustedTexts is null || trustedTexts.Contains(document);

    public static string Hash(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>extensions.persistedQuery.sha256Hash (version 1), or null when the request does not use persisted queries.</summary>
    public static string? HashOf(Inputs? extensions)
    {
        if (extensions?.TryGetValue("persistedQuery", out var value) != true) return null;
        if (value is not IDictionary<string, object?> persisted
            || !persisted.TryGetValue("version", out var version) || Convert.ToString(version) != "1"
            || !persisted.TryGetValue("sha256Hash", out var hash) || hash is not string { Length: 64 } text)
            throw new GraphQLRequestException("extensions.persistedQuery must be { \"version\": 1, \"sha256Hash\": \"<64 hex digits>\" }.");
        return text;
    }
}

/// <summary>Apollo's answer to a hash this node does not know (message and code as Apollo clients expect): the client sends the document with its hash next.</summary>
public sealed class PersistedDocumentNotFoundException() : Exception("PersistedQueryNotFound");
