using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Moderation.Graph;
using Platform.Projections.Moderation;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Moderation;

public sealed record AppealModeration(Guid CaseId, string Text, Guid AuthorId);

public static class AppealModerationField
{
    public static void AddAppealModeration(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ModerationCaseGraphType>>("appealModeration")
            .Description("The author of hidden or deleted content, or a banned member, asks once for another look; the appeal shows in the queue.")
            .Argument<NonNullGraphType<IdGraphType>>("caseId")
            .Argument<NonNullGraphType<StringGraphType>>("text", $"1 to {ModerationCases.MaxAppealText} characters.")
            .AllowOwn(ModerationAccess.CaseAuthor, SignedIn)
            .ResolveAsync(async c =>
            {
                var caseId = c.IdArgument("caseId");
                await c.Commands().InvokeAsync(new AppealModeration(caseId, c.GetArgument<string>("text"), c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<ModerationCaseView>(caseId, c.CancellationToken);
            });
}

public static class AppealModerationHandler
{
    public static async Task Handle(AppealModeration command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, cancellation);
        stream.AppendOne(ModerationCases.Appeal(stream.Aggregate, command.AuthorId, command.Text, clock.GetUtcNow()));
    }
}
