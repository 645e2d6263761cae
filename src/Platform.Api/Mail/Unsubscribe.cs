using System.Net;
using Marten;
using Platform.Contracts.Mail;
using Wolverine;

namespace Platform.Api.Mail;

/// <summary>Stops mail of one kind (or the digest, for <c>Kind</c> null) from a signed link, without signing in.</summary>
public sealed record Unsubscribe(Guid UserId, NotificationKind? Kind);

public static class UnsubscribeHandler
{
    public static async Task Handle(Unsubscribe command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<NotificationPreferences>(NotificationPreferences.StreamId(command.UserId), cancellation);
        stream.AppendMany(NotificationPreferences.Unsubscribe(stream.Aggregate ?? NotificationPreferences.Default(command.UserId), command.Kind, clock.GetUtcNow()));
    }

    /// <summary>
    /// GET shows a page with one button (link scanners in mail systems follow GETs, and must not unsubscribe anyone); POST
    /// unsubscribes, which is what mail clients send for RFC 8058's one-click <c>List-Unsubscribe-Post</c>.
    /// </summary>
    public static void MapUnsubscribe(this WebApplication app)
    {
        app.MapGet("/mail/unsubscribe", (HttpRequest request, SignedLinks links) =>
            Parse(request, links) is { } command
                ? Page($"<p>Stop {Describe(command.Kind)} mails?</p><form method=\"post\" action=\"/mail/unsubscribe{WebUtility.HtmlEncode(request.QueryString.Value)}\"><button>Unsubscribe</button></form>")
                : Forbidden());
        app.MapPost("/mail/unsubscribe", async (HttpRequest request, SignedLinks links, IMessageBus bus, CancellationToken cancellation) =>
        {
            if (Parse(request, links) is not { } command) return Forbidden();
            await bus.InvokeAsync(command, cancellation);
            return Page($"<p>Done: no more {Describe(command.Kind)} mails. Change this any time in your settings.</p>");
        }).DisableAntiforgery();
    }

    private static Unsubscribe? Parse(HttpRequest request, SignedLinks links)
    {
        var (user, kind, signature) = (request.Query["user"].ToString(), request.Query["kind"].ToString(), request.Query["sig"].ToString());
        if (!Guid.TryParse(user, out var userId) || !links.Verify(signature, "unsubscribe", user, kind)) return null;
        if (kind == "Digest") return new Unsubscribe(userId, null);
        return Enum.TryParse<NotificationKind>(kind, out var parsed) && Enum.IsDefined(parsed) ? new Unsubscribe(userId, parsed) : null;
    }

    private static string Describe(NotificationKind? kind) => kind?.ToString().ToLowerInvariant() ?? "digest";

    private static IResult Page(string body) =>
        Results.Content($"<!doctype html><html><body>{body}</body></html>", "text/html; charset=utf-8");

    private static IResult Forbidden() =>
        Results.Content("<!doctype html><html><body><p>This link is not valid.</p></body></html>", "text/html; charset=utf-8", statusCode: 403);
}
