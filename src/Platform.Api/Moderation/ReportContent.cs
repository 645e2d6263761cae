using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Moderation.Graph;
using Platform.Contracts.Moderation;
using Platform.Projections.Moderation;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Moderation;

public sealed record ReportContent(Guid ReportId, Guid TargetId, ReportReason Reason, string? Text, Guid ReporterId);

public static class ReportContentField
{
    public static void AddReportContent(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ReportGraphType>>("reportContent")
            .Description("Reports a post, a comment, a member (by membership id) or a message in a community's channel to the community's moderators; one open report per reporter and target.")
            .Argument<NonNullGraphType<IdGraphType>>("targetId")
            .Argument<NonNullGraphType<EnumerationGraphType<ReportReason>>>("reason")
            .Argument<StringGraphType>("text", $"What is wrong; required for OTHER; at most {ModerationCases.MaxReportText} characters.")
            .AllowOwn(ModerationAccess.Reporter, SignedIn)
            .ResolveAsync(async c =>
            {
                var command = new ReportContent(Guid.NewGuid(), c.IdArgument("targetId"), c.GetArgument<ReportReason>("reason"),
                    c.GetArgument<string?>("text"), c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                var found = await ModerationReads.CaseOfReport(c.Reads(), command.ReportId, c.CancellationToken);
                return found!.Reports.Single(r => r.Id == command.ReportId);
            });
}

public static class ReportContentHandler
{
    public static async Task Handle(ReportContent command, IDocumentSession session, ModerationOptions options, TimeProvider clock,
        CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var target = await ModerationReads.TargetOf(session, command.TargetId, cancellation) ?? throw DomainException.NotFound("The reported content");
        var since = now - options.ReportWindow;
        var recent = await session.Events.QueryRawEventDataOnly<ContentReported>()
            .CountAsync(e => e.ReporterId == command.ReporterId && e.ReportedAt > since, cancellation);
        if (recent >= options.MaxReportsPerWindow)
            throw new DomainException(Security.RateLimitConfiguration.RateLimited, $"You have sent {recent} reports in the last {options.ReportWindow.TotalMinutes:0} minutes; try again later.");
        var stream = await session.Events.FetchForWriting<ModerationCase>(Contracts.DeterministicId.ModerationCase(target.Id), cancellation);
        stream.AppendMany(ModerationCases.Report(stream.Aggregate, target, command.ReportId, command.ReporterId, command.Reason, command.Text,
            await ModerationReads.AutoHideThreshold(session, target.CommunityId, options, cancellation), now));
    }
}
