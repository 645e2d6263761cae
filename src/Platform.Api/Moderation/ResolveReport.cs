using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Moderation.Graph;
using Platform.Api.Social;
using Platform.Contracts;
using Platform.Contracts.Moderation;
using Platform.Projections.Moderation;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Moderation;

public sealed record ResolveReport(Guid ReportId, ModerationAction Action, string? Reason, Guid ResolvedBy);

public static class ResolveReportField
{
    public static void AddResolveReport(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ModerationCaseGraphType>>("resolveReport")
            .Description("Decides every open report (and any open appeal) on the reported target: DISMISS, HIDE, DELETE, WARN or BAN. The author and the reporters are told.")
            .Argument<NonNullGraphType<IdGraphType>>("reportId")
            .Argument<NonNullGraphType<EnumerationGraphType<ModerationAction>>>("action")
            .Argument<StringGraphType>("reason", $"Told to the author; required except for DISMISS; at most {ModerationCases.MaxReason} characters.")
            .AllowOwn(ModerationAccess.StaffOfReport, Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var reportId = c.IdArgument("reportId");
                await c.Commands().InvokeAsync(new ResolveReport(reportId, c.GetArgument<ModerationAction>("action"), c.GetArgument<string?>("reason"), c.UserId()),
                    c.CancellationToken);
                return await ModerationReads.CaseOfReport(c.Reads(), reportId, c.CancellationToken);
            });
}

public static class ResolveReportHandler
{
    /// <summary>The decision, and in the same transaction what it does to the content (DELETE of a post or a channel message) or the
    /// member (BAN).</summary>
    public static async Task Handle(ResolveReport command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var view = await ModerationReads.CaseOfReport(session, command.ReportId, cancellation) ?? throw DomainException.NotFound("The report");
        var stream = await session.Events.FetchForWriting<ModerationCase>(view.Id, cancellation);
        var events = ModerationCases.Resolve(stream.Aggregate, command.Action, command.Reason, command.ResolvedBy, now);
        stream.AppendMany(events);
        var reason = events.OfType<ReportsResolved>().Single().Reason;
        switch (command.Action)
        {
            case ModerationAction.Delete when view.Kind == ModerationTargetKind.Post:
                var post = await session.Events.FetchForWriting<PostView>(view.TargetId, cancellation);
                post.AppendMany(Post.Delete(post.Aggregate, new DeletePost(view.TargetId, reason, command.ResolvedBy), byStaff: true, now));
                break;
            case ModerationAction.Delete when view.Kind == ModerationTargetKind.Message:
                var message = await session.Events.FetchForWriting<Chat.Message>(view.TargetId, cancellation);
                message.AppendMany(Chat.Messages.Delete(message.Aggregate, command.ResolvedBy, channelStaff: true, now));
                break;
            case ModerationAction.Ban:
                var community = await Community.Load(session, view.CommunityId, cancellation);
                var membership = await session.Events.FetchForWriting<Membership>(DeterministicId.Membership(view.CommunityId, view.AuthorId), cancellation);
                membership.AppendMany(Membership.Ban(community, membership.Aggregate, view.AuthorId, reason, command.ResolvedBy, now));
                break;
        }
    }
}
