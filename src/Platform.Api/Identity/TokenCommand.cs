namespace Platform.Api.Identity;

/// <summary><c>token --user NAME --roles member,creator [--community SLUG] [--hours N]</c>: prints a development JWT alone on stdout.</summary>
public static class TokenCommand
{
    public static int Run(string[] args, IConfiguration configuration)
    {
        string? Option(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        var auth = configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        if (!auth.IsEmbedded)
        {
            Console.Error.WriteLine("token: Auth__Mode is not 'embedded'; tokens come from your OpenID Connect provider.");
            return 2;
        }
        var user = Option("--user");
        if (string.IsNullOrWhiteSpace(user))
        {
            Console.Error.WriteLine("usage: token --user NAME [--roles member,creator,moderator,admin,finance] [--community SLUG] [--hours N]");
            return 2;
        }
        var roles = (Option("--roles") ?? "member").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hours = int.TryParse(Option("--hours"), out var h) && h > 0 ? h : 12;
        // Roles in a token seed a user only when they first sign in; after that the platform's own grants decide.
        if (Option("--roles") is not null)
            Console.Error.WriteLine($"token: --roles applies only if '{user}' has never signed in; a user who exists (every demo person does) " +
                "keeps the roles the platform granted. Change those with grantRole/revokeRole as an admin (./platform token --user alice).");
        var issuer = EmbeddedIssuer.LoadOrCreate(auth.KeyPath);
        Console.Out.WriteLine(issuer.Issue(user, roles, Option("--community"), auth.Audience, TimeSpan.FromHours(hours)));
        return 0;
    }
}
