namespace Platform.Api.Infrastructure;

/// <summary>
/// Settings the product's configuration contract named differently from what an earlier README said: the old name refuses to
/// start, naming the new one, rather than being ignored (a mail server or bucket key that silently went unread).
/// </summary>
public static class RenamedSettings
{
    public static void Refuse(IConfiguration configuration, params (string Old, string New)[] renames)
    {
        foreach (var (old, renamed) in renames)
            if (configuration[old] is not null)
                throw new InvalidOperationException($"{old.Replace(":", "__")} is now {renamed}: set that instead.");
    }
}
