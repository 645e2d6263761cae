using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Moderation.Graph;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Moderation;

public sealed record RestoreContent(Guid TargetId, string? Reason, Guid RestoredBy);

public static class RestoreContentField
{
    public static void AddRestoreContent(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ModerationCaseGraphType>>("restoreContent")
            .Description("Shows hidden content to members again (an appeal granted, or a second look); open reports on it are dismissed.")
            .Argument<NonNullGraphType<IdGraphType>>("targetId")
            .Argument<StringGraphType>("reason", $"At most {ModerationCases.MaxReason} characters.")
            .AllowOwn(ModerationAccess.StaffOfTarget, Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var targetId = c.IdArgument("targetId");
                await c.Commands().InvokeAsync(new RestoreContent(targetId, c.GetArgument<string?>("reason"), c.UserId()), c.CancellationToken);
                return await ModerationReads.CaseOfTarget(c.Reads(), targetId, c.CancellationToken);
            });
}

public static class RestoreContentHandler
{
    public static async Task Handle(RestoreContent command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(Contracts.DeterministicId.ModerationCase(command.TargetId), cancellation);
        if (stream.Aggregate is null) throw DomainException.NotFound("The case");
        stream.AppendMany(ModerationCases.Restore(stream.Aggregate, command.Reason, command.RestoredBy, clock.GetUtcNow()));
    }
}
