using System.Net;

namespace Platform.Api.Mail;

/// <summary>
/// Links in mail to the web app's pages (a post, a ticket, the notifications, an invitation), on <c>Mail__AppUrl</c>. Links this
/// API serves itself (unsubscribe, calendar feeds, data exports) stay on its own address (<see cref="SignedLinks"/>).
/// </summary>
public sealed record AppLinks(string Origin)
{
    public string Post(Guid postId) => $"{Origin}/posts/{postId}";
    public string Ticket(Guid ticketId) => $"{Origin}/tickets/{ticketId}";
    public string Notifications => $"{Origin}/notifications";
    public string Invitation(string token) => $"{Origin}/invitations/{Uri.EscapeDataString(token)}";

    /// <summary>
    /// Without a web app (no <c>Mail__AppUrl</c>: the links point here), each such link opens a page that says so rather than a 404,
    /// and an invitation's page says how to accept it through the API.
    /// </summary>
    public static void MapFallbackPages(WebApplication app)
    {
        const string Note = "<p>This link opens a page of the Platform web app. This server is the API alone: set <code>Mail__AppUrl</code> "
                            + "to the web app's address, and links in mail open there.</p>";
        app.MapGet("/invitations/{token}", (string token) => Page("Invitation", Note
            + $"<p>To accept with the API, as the invited person: <code>mutation {{ acceptInvite(token: \"{WebUtility.HtmlEncode(token)}\") {{ status }} }}</code></p>"));
        app.MapGet("/posts/{postId:guid}", (Guid postId) => Page("Post", Note + $"<p>The post: <code>{{ post(id: \"{postId}\") {{ title body }} }}</code></p>"));
        app.MapGet("/tickets/{ticketId:guid}", (Guid ticketId) => Page("Support ticket", Note + $"<p>The ticket: <code>{ticketId}</code></p>"));
        app.MapGet("/notifications", () => Page("Notifications", Note));
    }

    private static IResult Page(string title, string body) =>
        Results.Content($"<!doctype html><meta charset=utf-8><title>{title}</title><h1>{title}</h1>{body}", "text/html");
}
