using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Platform.Api.Infrastructure;
using Platform.Api.Security;

namespace Platform.Api.GraphQL;

/// <summary>GraphQL over HTTP (the GraphQL-over-HTTP specification): POST and GET on one path.</summary>
public static class GraphQLHttpEndpoint
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";
    /// <summary>How long a client waits before retrying while the database is unreachable.</summary>
    public const string UnavailableRetryAfterSeconds = "5";

    public static async Task HandleAsync(HttpContext http, GraphQLRunner runner, IGraphQLTextSerializer serializer)
    {
        var request = http.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteRequestError(http, StatusCodes.Status405MethodNotAllowed, Json, "Use GET or POST.");
            return;
        }

        var mediaType = NegotiateMediaType(request);
        if (mediaType is null)
        {
            await WriteRequestError(http, StatusCodes.Status406NotAcceptable, Json,
                $"Accept must allow {GraphQLResponseJson} or {Json}.");
            return;
        }

        if (request.ContentLength > HttpHardening.MaxGraphQLBodyBytes)
        {
            await WriteRequestError(http, StatusCodes.Status413PayloadTooLarge, mediaType, $"The request body is larger than {HttpHardening.MaxGraphQLBodyBytes} bytes.");
            return;
        }
        // Kestrel enforces it on a body of unknown length too (BadHttpRequestException with 413, below).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = HttpHardening.MaxGraphQLBodyBytes;

        GraphQLOperation operation;
        try
        {
            operation = isGet
                ? GraphQLRequestParser.FromQueryString(request.Query, serializer)
                : await ReadPostBody(request, serializer);
            operation = http.RequestServices.GetRequiredService<PersistedDocuments>().Resolve(operation);
        }
        catch (PersistedDocumentNotFoundException e)
        {
            // Not executed: 400 with the newer media type; 200 with application/json, where Apollo clients look for it.
            await WriteRequestError(http, mediaType == Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, mediaType,
                e.Message, ErrorCodes.PersistedQueryNotFound);
            return;
        }
        catch (UnsupportedMediaTypeException e)
        {
            await WriteRequestError(http, StatusCodes.Status415UnsupportedMediaType, mediaType, e.Message);
            return;
        }
        catch (GraphQLRequestException e)
        {
            await WriteRequestError(http, StatusCodes.Status400BadRequest, mediaType, e.Message);
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteRequestError(http, StatusCodes.Status413PayloadTooLarge, mediaType, $"The request body is larger than {HttpHardening.MaxGraphQLBodyBytes} bytes.");
            return;
        }

        var document = runner.Parse(operation.Query);
        var operationType = document.OperationType(operation.OperationName);
        if (isGet && operationType is OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            await WriteRequestError(http, StatusCodes.Status405MethodNotAllowed, mediaType, "Mutations must use POST.");
            return;
        }
        if (operationType is OperationType.Subscription)
        {
            await WriteRequestError(http, StatusCodes.Status400BadRequest, mediaType,
                "Subscriptions use the graphql-transport-ws WebSocket protocol on this path.");
            return;
        }

        var charge = new OperationCharge(RateLimits.CallerKey(http.User, RateLimits.AddressKey(http)), operationType, RateLimits.IsMoney(document.Document, operation.OperationName));
        using (var lease = http.RequestServices.GetRequiredService<RateLimits>().AcquireOperation(charge))
        {
            if (!lease.IsAcquired)
            {
                await RateLimitConfiguration.WriteTooManyRequests(http, lease, http.RequestAborted);
                return;
            }
        }

        var result = await runner.ExecuteAsync(operation, document, http.User, http.RequestServices, http.RequestAborted);
        // With application/json a well-formed request always gets 200; the newer media type tells request errors by status.
        // The database being away is neither: 503 tells the client it is safe to retry.
        if (result.Errors?.Any(e => e.Code == ErrorCodes.Unavailable) == true)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds;
        }
        else http.Response.StatusCode = mediaType == GraphQLResponseJson && !result.Executed
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>
    /// The response media type the client accepts best, honouring q-values (the most specific range decides
    /// each type's quality; ties go to application/graphql-response+json). A client that names neither type
    /// (no Accept, <c>*/*</c>, <c>application/*</c>) gets application/json, which legacy clients check for.
    /// </summary>
    public static string? NegotiateMediaType(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace)) return Json;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges)) return null;
        var graphQL = Quality(ranges, GraphQLResponseJson);
        var json = Quality(ranges, Json);
        if (graphQL <= 0 && json <= 0) return null;
        var asksForGraphQL = ranges.Any(r => r.MediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase) && (r.Quality ?? 1.0) > 0);
        if (!asksForGraphQL) return json > 0 ? Json : GraphQLResponseJson;
        return graphQL >= json ? GraphQLResponseJson : Json;
    }

    private static double Quality(IList<MediaTypeHeaderValue> ranges, string mediaType)
    {
        var type = mediaType[..mediaType.IndexOf('/')];
        var best = ranges
            .Where(r => r.MatchesAllTypes
                || (r.MatchesAllSubTypes && r.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
                || r.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.MatchesAllTypes ? 0 : r.MatchesAllSubTypes ? 1 : 2)
            .FirstOrDefault();
        return best is null ? 0 : best.Quality ?? 1.0;
    }

    private static async Task<GraphQLOperation> ReadPostBody(HttpRequest request, IGraphQLTextSerializer serializer)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, Json, StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException($"Content-Type must be {Json}.");
        var charset = contentType.Charset.Value?.Trim('"');
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException("Only the utf-8 charset is supported.");
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return GraphQLRequestParser.FromJson(body.RootElement, serializer);
        }
        catch (JsonException)
        {
            throw new GraphQLRequestException("The request body is not valid JSON.");
        }
    }

    /// <summary>An error answered without executing anything, GraphQL-shaped, with a code that matches the status.</summary>
    public static async Task WriteRequestError(HttpContext http, int status, string mediaType, string message, string? code = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        code ??= status switch
        {
            StatusCodes.Status405MethodNotAllowed => "METHOD_NOT_ALLOWED",
            StatusCodes.Status406NotAcceptable => "NOT_ACCEPTABLE",
            StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            StatusCodes.Status401Unauthorized => ErrorCodes.Unauthenticated,
            StatusCodes.Status413PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
            StatusCodes.Status500InternalServerError => ErrorCodes.Internal,
            _ => "BAD_REQUEST",
        };
        await JsonSerializer.SerializeAsync(http.Response.Body,
            new { errors = new[] { new { message, extensions = new { code } } } }, cancellationToken: http.RequestAborted);
    }

    private sealed class UnsupportedMediaTypeException(string message) : Exception(message);
}
