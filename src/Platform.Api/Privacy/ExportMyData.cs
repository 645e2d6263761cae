using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Privacy.Graph;
using Platform.Api.Security;
using Platform.Contracts.Privacy;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Privacy;

/// <summary>An archive ready to download: the link names the person and the export, and stops working at <c>ExpiresAt</c>.</summary>
public sealed record DataExport(Guid Id, Guid UserId, string Url, DateTimeOffset ExpiresAt, IReadOnlyList<string> Categories);

/// <summary>Prepares an export of <c>UserId</c>'s data for <c>RequestedBy</c> (the person, or an admin).</summary>
public sealed record ExportPersonalData(Guid ExportId, Guid UserId, Guid RequestedBy);

public static class ExportMyDataField
{
    public static void AddExportMyData(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DataExportGraphType>>("exportMyData")
            .Description("A download link (it expires) to a JSON archive of everything the caller did, with a manifest.")
            .AllowOwn(PrivacyAccess.OwnAccount, SignedIn)
            .ResolveAsync(async c => await Export(c, c.UserId()));

    /// <summary>Shared with the admin's <c>exportUserData</c>. The archive is built when the link is followed, so no copy lies around.</summary>
    public static async Task<DataExport> Export(IResolveFieldContext c, Guid userId)
    {
        var command = new ExportPersonalData(Guid.CreateVersion7(), userId, c.UserId());
        await c.Commands().InvokeAsync(command, c.CancellationToken);
        return c.RequestServices!.GetRequiredService<PersonalDataArchive>().Link(command.ExportId, userId);
    }
}

public static class ExportPersonalDataHandler
{
    /// <summary>The event is the audit trail's record of who took a copy of whose data; it also counts toward the daily limit.</summary>
    public static async Task Handle(ExportPersonalData command, IDocumentSession session, PrivacyOptions options, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        if (stream.Aggregate is not { ErasedAt: null }) throw DomainException.NotFound("The user");
        var now = clock.GetUtcNow();
        var since = now.AddDays(-1);
        var recent = await session.Events.QueryRawEventDataOnly<PersonalDataExported>()
            .CountAsync(e => e.UserId == command.UserId && e.ExportedAt > since, cancellation);
        if (recent >= options.ExportsPerDay)
            throw new DomainException(RateLimitConfiguration.RateLimited, $"At most {options.ExportsPerDay} exports a day; try again tomorrow.");
        stream.AppendOne(new PersonalDataExported(command.UserId, command.ExportId, command.RequestedBy, now));
    }
}
