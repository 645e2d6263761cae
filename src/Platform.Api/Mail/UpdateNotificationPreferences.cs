using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Mail.Graph;
using Platform.Contracts.Mail;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Mail;

/// <summary>Sets the channel of the kinds listed, and the digest and its time zone if given.</summary>
public sealed record UpdateNotificationPreferences(Guid UserId, IReadOnlyList<KindChannel> Channels, DigestFrequency? Digest, string? DigestTimeZone = null);

public static class UpdateNotificationPreferencesHandler
{
    public static async Task Handle(UpdateNotificationPreferences command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<NotificationPreferences>(NotificationPreferences.StreamId(command.UserId), cancellation);
        stream.AppendMany(NotificationPreferences.Update(stream.Aggregate ?? NotificationPreferences.Default(command.UserId), command.Channels,
            command.Digest, clock.GetUtcNow(), command.DigestTimeZone));
    }

    public static async Task<NotificationPreferences> Current(IQuerySession reads, Guid userId, CancellationToken cancellation) =>
        await reads.Events.AggregateStreamAsync<NotificationPreferences>(NotificationPreferences.StreamId(userId), token: cancellation)
        ?? NotificationPreferences.Default(userId);

    public static void AddNotificationPreferencesQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<NotificationPreferencesGraphType>>("notificationPreferences")
            .Description("The caller's channel per kind of notification and their digest (SETT).")
            .Allow(SignedIn)
            .ResolveAsync(async c => await Current(c.Reads(), c.UserId(), c.CancellationToken));

    public static void AddUpdateNotificationPreferences(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<NotificationPreferencesGraphType>>("updateNotificationPreferences")
            .Description("Per kind IN_APP, EMAIL or OFF; the digest DAILY, WEEKLY or NEVER, sent at 08:00 in digestTimeZone (default UTC). Kinds not listed keep their channel.")
            .Argument<NonNullGraphType<NotificationPreferencesInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var channels = (input.GetValueOrDefault("channels") as IEnumerable<object?> ?? [])
                    .Cast<Dictionary<string, object?>>()
                    .Select(x => new KindChannel((NotificationKind)x["kind"]!, (NotificationChannel)x["channel"]!)).ToList();
                // An abuse limit: there are only so many kinds.
                if (channels.Count > Enum.GetValues<NotificationKind>().Length) throw DomainException.Invalid("Name each kind once.");
                await c.Commands().InvokeAsync(new UpdateNotificationPreferences(c.UserId(), channels, input.GetValueOrDefault("digest") as DigestFrequency?,
                    input.GetValueOrDefault("digestTimeZone") as string), c.CancellationToken);
                return await Current(c.Reads(), c.UserId(), c.CancellationToken);
            });
}
