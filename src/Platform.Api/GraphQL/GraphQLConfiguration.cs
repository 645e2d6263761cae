using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Microsoft.AspNetCore.Authentication;
using Platform.Api.Communities;
using Platform.Api.GraphQL.GraphiQL;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Security;

namespace Platform.Api.GraphQL;

/// <summary>The <c>GraphQL</c> configuration section: protection limits, on by default.</summary>
public sealed class GraphQLLimits
{
    public int MaxDepth { get; set; } = 12;
    // Room for a real page (a community, its courses, their modules, lessons and videos: about 25,000 by GraphQL.NET's estimate)
    // while list-in-list fan-out past a few levels is still refused.
    public int MaxComplexity { get; set; } = 100_000;
    /// <summary>Each root field but <c>__typename</c> reads the database once at least: aliasing one many times costs this much each.</summary>
    public int RootFieldComplexity { get; set; } = 2_500;
    /// <summary>Parse, validation and execution together.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
    // Checked before validation (see DocumentLimits); graphql-js's introspection query is about 3,000 characters,
    // 400 tokens, 150 fields once its fragments are expanded, no aliases and 20 spreads.
    public int MaxDocumentLength { get; set; } = 32_768;
    public int MaxTokens { get; set; } = 4_000;
    public int MaxFields { get; set; } = 500;
    public int MaxAliases { get; set; } = 50;
    public int MaxFragmentSpreads { get; set; } = 100;
    /// <summary>Introspection (and the GraphiQL page with it) is off in Production unless turned on here.</summary>
    public bool? Introspection { get; set; }

    public static GraphQLLimits From(IConfiguration configuration) => configuration.GetSection("GraphQL").Get<GraphQLLimits>() ?? new GraphQLLimits();

    public bool IntrospectionOn(IHostEnvironment environment) => Introspection ?? !environment.IsProduction();
}

public static class GraphQLConfiguration
{
    public const string Path = "/graphql";

    public static WebApplicationBuilder AddPlatformGraphQL(this WebApplicationBuilder builder)
    {
        var limits = GraphQLLimits.From(builder.Configuration);
        var introspection = limits.IntrospectionOn(builder.Environment);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<GraphQLRunner>();
        builder.Services.AddSingleton(new PersistedDocuments(builder.Configuration.GetSection("GraphQL").Get<PersistedDocumentOptions>() ?? new PersistedDocumentOptions()));
        builder.Services.AddScoped<Caller>();
        builder.Services.AddScoped<CallerResolver>();
        builder.Services.AddScoped<UserLookup>();
        builder.Services.AddScoped(typeof(DocumentLookup<>));
        builder.Services.AddSingleton(builder.Configuration.GetSection("GraphQL:WebSocket").Get<GraphQLWebSocketOptions>() ?? new GraphQLWebSocketOptions());
        builder.Services.AddGraphQL(graph =>
        {
            graph.AddSchema<PlatformSchema>()
                .AddGraphTypes(typeof(PlatformSchema).Assembly)
                .AddSystemTextJson()
                // A Marten query session is not thread-safe: resolve query fields one at a time.
                .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
                .AddComplexityAnalyzer(complexity =>
                {
                    complexity.MaxDepth = limits.MaxDepth;
                    complexity.MaxComplexity = limits.MaxComplexity;
                    var standard = complexity.DefaultComplexityImpactDelegate;
                    complexity.DefaultComplexityImpactDelegate = field =>
                    {
                        var impact = standard(field);
                        var rootField = field.Parent is null && !field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal);
                        return rootField ? new(impact.FieldImpact + limits.RootFieldComplexity, impact.ChildImpactMultiplier) : impact;
                    };
                    if (introspection) complexity.ValidateComplexityDelegate = context =>
                    {
                        IntrospectionLimits.AllowBoundedIntrospection(context);
                        return Task.CompletedTask;
                    };
                })
                .WithTimeout(limits.Timeout)
                .ConfigureExecution<ValidatedDocumentCache>()
                .AddErrorInfoProvider(new PlatformErrorInfoProvider(suggestions: builder.Environment.IsDevelopment()))
                .UseMiddleware<ResolverTracingMiddleware>()
                .UseMiddleware<MalformedIdMiddleware>()
                .UseMiddleware<AuthorizationMiddleware>()
                .AddSchemaVisitor<SubscriptionAuthorization>()
                .AddUnhandledExceptionHandler(MapException);
            if (!introspection) graph.AddValidationRule<NoIntrospectionValidationRule>();
        });
        return builder;
    }

    /// <summary>
    /// What the caller is told when the failure is theirs (a rule refused the command, something was taken) or a race they lost:
    /// a precise code, and no error in the log (<see cref="LoggingConfiguration.Routine"/>). Null for anything else.
    /// </summary>
    public static ExecutionError? ErrorForCaller(Exception exception) => exception switch
    {
        DomainException e => new ExecutionError(e.Message) { Code = e.Code },
        DocumentAlreadyExistsException { DocType.Name: nameof(SlugClaim), Id: var slug } =>
            new ExecutionError($"The slug '{slug}' is taken; choose another.") { Code = ErrorCodes.Conflict },
        DocumentAlreadyExistsException => new ExecutionError("That already exists.") { Code = ErrorCodes.Conflict },
        var e when Failures.IsUniqueViolation(e) => new ExecutionError("That is already taken.") { Code = ErrorCodes.Conflict },
        var e when EventStoreConfiguration.LostRace(e) => new ExecutionError("Someone else changed this at the same time; try again.") { Code = ErrorCodes.Conflict },
        _ => null,
    };

    /// <summary>The caller's own failures keep a precise code, as does a database that is away for a moment; anything else is masked and logged.</summary>
    private static void MapException(UnhandledExceptionContext context)
    {
        var error = ErrorForCaller(context.OriginalException) ?? (Failures.IsDatabaseUnavailable(context.OriginalException) ? Unavailable() : null);
        if (error is not null)
        {
            context.Exception = error;
            return;
        }
        var logger = context.ExecutionOptions.RequestServices?.GetService<ILogger<GraphQLRunner>>();
        logger?.LogError(context.OriginalException, "Unhandled error in GraphQL field {Field}", context.FieldContext?.FieldDefinition.Name);
        context.Exception = new ExecutionError("An internal error occurred.") { Code = ErrorCodes.Internal };
    }

    private static ExecutionError Unavailable() => new("The service is briefly unavailable; try again shortly.") { Code = ErrorCodes.Unavailable };

    /// <summary>Both transports on one path: WebSocket upgrades speak graphql-transport-ws, everything else is GraphQL over HTTP.</summary>
    public static WebApplication MapPlatformGraphQL(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        var ide = GraphQLLimits.From(app.Configuration).IntrospectionOn(app.Environment);
        if (ide) app.UseGraphiQLAssets();
        app.Map(Path, async (HttpContext http, GraphQLRunner runner, IGraphQLTextSerializer serializer) =>
        {
            if (http.WebSockets.IsWebSocketRequest)
            {
                await AcceptWebSocket(http, runner, serializer);
                return;
            }
            if (ide && GraphiQLPage.IsWantedBy(http.Request))
            {
                await GraphiQLPage.ServeAsync(http);
                return;
            }
            // A bad token is an error, not a silent downgrade to anonymous.
            var authentication = await http.AuthenticateAsync();
            if (authentication.Failure is not null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await GraphQLHttpEndpoint.WriteRequestError(http, StatusCodes.Status401Unauthorized, GraphQLHttpEndpoint.Json, "The bearer token is not valid.");
                return;
            }
            if (authentication.Principal is not null) http.User = authentication.Principal;
            try
            {
                var caller = await http.RequestServices.GetRequiredService<CallerResolver>().Resolve(http.User, http.RequestAborted);
                CommandContext.Stamp(http.RequestServices, caller, http.TraceIdentifier);
                await GraphQLHttpEndpoint.HandleAsync(http, runner, serializer);
            }
            catch (DomainException e) when (e.Code == ErrorCodes.Unauthenticated && !http.Response.HasStarted)
            {
                // A suspended account: its valid token is refused with the reason.
                await GraphQLHttpEndpoint.WriteRequestError(http, StatusCodes.Status401Unauthorized, GraphQLHttpEndpoint.Json, e.Message);
            }
            catch (Exception e) when (Failures.IsDatabaseUnavailable(e) && !http.Response.HasStarted)
            {
                http.RequestServices.GetRequiredService<ILogger<GraphQLRunner>>().LogWarning(e, "The database is unavailable");
                http.Response.Headers.RetryAfter = GraphQLHttpEndpoint.UnavailableRetryAfterSeconds;
                await GraphQLHttpEndpoint.WriteRequestError(http, StatusCodes.Status503ServiceUnavailable, GraphQLHttpEndpoint.Json, Unavailable().Message);
            }
            catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
            {
                // Whatever broke, the client gets a GraphQL-shaped error with a code, never the exception.
                http.RequestServices.GetRequiredService<ILogger<GraphQLRunner>>().LogError(e, "The GraphQL request failed");
                await GraphQLHttpEndpoint.WriteRequestError(http, StatusCodes.Status500InternalServerError, GraphQLHttpEndpoint.Json, "An internal error occurred.");
            }
        });
        return app;
    }

    private static async Task AcceptWebSocket(HttpContext http, GraphQLRunner runner, IGraphQLTextSerializer serializer)
    {
        var services = http.RequestServices;
        var rateLimits = services.GetRequiredService<RateLimits>();
        // Held while the socket is open: it counts toward the address's open sockets.
        using var lease = rateLimits.AcquireWebSocket(http);
        if (!lease.IsAcquired)
        {
            await RateLimitConfiguration.WriteTooManyRequests(http, lease, http.RequestAborted);
            return;
        }
        var supported = http.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWebSocketSession.SubProtocol);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(supported ? GraphQLWebSocketSession.SubProtocol : null);
        if (!supported)
        {
            await socket.CloseOutputAsync((System.Net.WebSockets.WebSocketCloseStatus)4406, "Subprotocol not acceptable", CancellationToken.None);
            return;
        }
        var session = new GraphQLWebSocketSession(socket, http.TraceIdentifier, services.GetRequiredService<IServiceScopeFactory>(), runner, serializer,
            services.GetRequiredService<TokenValidator>(), services.GetRequiredService<GraphQLWebSocketOptions>(), rateLimits, RateLimits.AddressKey(http),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<GraphQLWebSocketSession>>());
        await session.RunAsync(http.RequestAborted);
    }
}
