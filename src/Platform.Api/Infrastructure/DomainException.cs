namespace Platform.Api.Infrastructure;

/// <summary>A rejected command or query; its code becomes the GraphQL error's <c>extensions.code</c>.</summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static DomainException NotFound(string what) => new(ErrorCodes.NotFound, $"{what} was not found.");
    public static DomainException Invalid(string message) => new(ErrorCodes.Validation, message);
    public static DomainException Conflict(string message) => new(ErrorCodes.Conflict, message);
}

public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string Validation = "VALIDATION";
    public const string Conflict = "CONFLICT";
    public const string PaymentRequired = "PAYMENT_REQUIRED";
    public const string Internal = "INTERNAL_SERVER_ERROR";
    /// <summary>The database cannot be reached: nothing was done, the same request may be retried.</summary>
    public const string Unavailable = "UNAVAILABLE";
    /// <summary>Apollo's automatic persisted queries: the hash is unknown here, send the document with it.</summary>
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";
    /// <summary>Trusted documents are on and this document is not one of them.</summary>
    public const string NotATrustedDocument = "PERSISTED_QUERY_NOT_ALLOWED";
}
