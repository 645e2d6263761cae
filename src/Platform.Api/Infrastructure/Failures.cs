namespace Platform.Api.Infrastructure;

public static class Failures
{
    /// <summary>A unique index refused the write (a handle or a slug someone else took first), however it was wrapped.</summary>
    public static bool IsUniqueViolation(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is JasperFx.DocumentAlreadyExistsException) return true;
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }) return true;
        }
        return false;
    }

    /// <summary>The database could not be reached or dropped the connection (Npgsql calls such failures transient), however it was wrapped.</summary>
    public static bool IsDatabaseUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true }) return true;
            if (e is AggregateException { InnerExceptions: var inner } && inner.Any(IsDatabaseUnavailable)) return true;
        }
        return false;
    }
}
