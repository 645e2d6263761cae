using System.IO.Pipelines;
using System.Text.Json;
using Marten;
using Platform.Api.Mail;
using Platform.Projections.Chat;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using Platform.Projections.Help;
using Platform.Projections.Identity;
using Platform.Projections.Social;

namespace Platform.Api.Privacy;

/// <summary>
/// The archive behind <c>exportMyData</c>: written straight to the response, one category after another, from the read
/// models; nothing is stored, so an erasure has no archive to chase. Only what the person did or what was addressed to
/// them as the customer (a ticket's public replies) is in it: never other people's messages, comments or staff notes.
/// </summary>
public sealed class PersonalDataArchive(SignedLinks links, PrivacyOptions options, TimeProvider clock)
{
    public const string Format = "platform-personal-data/1";
    public const string Path = "/privacy/exports";

    public static readonly (string Name, string Holds)[] Categories =
    [
        ("profile", "handle, display name, bio, email, registration and roles"),
        ("memberships", "every community membership and its status"),
        ("enrolments", "course enrolments, completed lessons, quizzes, certificates and video progress"),
        ("purchases", "purchases with their refunds and disputes (amounts in minor units)"),
        ("posts", "posts written, with every earlier revision"),
        ("comments", "comments written, with the post they are on"),
        ("messages", "chat messages sent (not the ones received)"),
        ("tickets", "support tickets opened, with the public replies (not staff notes)"),
    ];

    public DataExport Link(Guid exportId, Guid userId)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().Add(options.ExportLinkLifetime).ToUnixTimeSeconds());
        var url = $"{links.Origin}{Path}/{exportId}?user={userId}&{links.Expiring(expiresAt, "export", exportId.ToString(), userId.ToString())}";
        return new DataExport(exportId, userId, url, expiresAt, [.. Categories.Select(c => c.Name)]);
    }

    /// <summary>403 for a link that was altered, 410 once it expired, 404 for an erased person.</summary>
    public static void Map(WebApplication app) =>
        app.MapGet($"{Path}/{{exportId:guid}}", async (Guid exportId, HttpContext http, PersonalDataArchive archive, SignedLinks links, IQuerySession reads,
            TimeProvider clock) =>
        {
            var user = http.Request.Query["user"].ToString();
            if (!Guid.TryParse(user, out var userId)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            if (links.Refusal(http.Request.Query, clock.GetUtcNow(), "export", exportId.ToString(), user) is { } refused) return Results.StatusCode(refused);
            if (await reads.LoadAsync<UserAccount>(userId, http.RequestAborted) is not { ErasedAt: null } account) return Results.NotFound();
            http.Response.ContentType = "application/json";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"personal-data-{exportId}.json\"";
            http.Response.Headers.CacheControl = "no-store";
            await archive.WriteAsync(http.Response.BodyWriter, account, exportId, reads, http.RequestAborted);
            return Results.Empty;
        });

    /// <summary>
    /// Written into the response's pipe, which the serializer fills without blocking (a stream would take its synchronous writes,
    /// which Kestrel refuses), and sent section by section.
    /// </summary>
    public async Task WriteAsync(PipeWriter output, UserAccount account, Guid exportId, IQuerySession reads, CancellationToken cancellation)
    {
        var id = account.Id;
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WritePropertyName("manifest");
        Write(json, new
        {
            format = Format, exportId, userId = id, generatedAt = clock.GetUtcNow(),
            categories = Categories.Select(c => new { name = c.Name, holds = c.Holds }),
        });
        await Section(json, output, "profile", [new
        {
            account.Id, account.Handle, account.DisplayName, account.Bio, account.Email, account.RegisteredAt,
            roles = account.Grants.Select(g => new { g.Role, g.CommunityId }),
        }], cancellation);
        await Section(json, output, "memberships", await reads.Query<MembershipView>().Where(m => m.UserId == id).ToListAsync(cancellation), cancellation);
        var enrolments = await reads.Query<EnrolmentView>().Where(e => e.UserId == id).ToListAsync(cancellation);
        var progress = await reads.Query<WatchProgress>().Where(w => w.UserId == id).ToListAsync(cancellation);
        await Section(json, output, "enrolments", enrolments.Select(e => new { enrolment = e, videoProgress = progress.Where(w => w.CourseId == e.CourseId) }),
            cancellation);
        await Section(json, output, "purchases", await reads.Query<PurchaseView>().Where(p => p.BuyerId == id).ToListAsync(cancellation), cancellation);
        var posts = await reads.Query<PostView>().Where(p => p.AuthorId == id).ToListAsync(cancellation);
        await Section(json, output, "posts", posts.Select(p => new
        {
            p.Id, p.CommunityId, p.CourseId, p.Title, p.Body, p.Category, p.CreatedAt, p.EditedAt, p.Revisions, p.DeletedAt,
        }), cancellation);
        var commented = await reads.Query<PostView>().Where(p => p.Comments.Any(c => c.AuthorId == id)).ToListAsync(cancellation);
        await Section(json, output, "comments", commented.SelectMany(p => p.Comments.Where(c => c.AuthorId == id)
            .Select(c => new { postId = p.Id, c.Id, c.ParentId, c.Body, c.AddedAt })), cancellation);
        await Section(json, output, "messages", await reads.Query<ChatMessage>().Where(m => m.SenderId == id).ToListAsync(cancellation), cancellation);
        var tickets = await reads.Query<TicketView>().Where(t => t.CustomerId == id).ToListAsync(cancellation);
        await Section(json, output, "tickets", tickets.Select(t => new
        {
            t.Id, t.Subject, t.Body, t.Category, t.RelatedId, t.Status, t.OpenedAt, t.SolvedAt, t.ClosedAt,
            replies = t.Replies.Where(r => !r.Internal).Select(r => new { r.Id, fromMe = r.AuthorId == id, r.ByStaff, r.Body, r.At }),
        }), cancellation);
        json.WriteEndObject();
        json.Flush();
        await output.FlushAsync(cancellation);
    }

    /// <summary>One category, flushed before the next is read, so a large archive never sits whole in memory.</summary>
    private static async Task Section<T>(Utf8JsonWriter json, PipeWriter output, string name, IEnumerable<T> items, CancellationToken cancellation)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var item in items) Write(json, item);
        json.WriteEndArray();
        json.Flush();
        await output.FlushAsync(cancellation);
    }

    private static void Write<T>(Utf8JsonWriter json, T value) => JsonSerializer.Serialize(json, value, Web);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
