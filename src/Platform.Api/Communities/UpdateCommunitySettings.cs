using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;

namespace Platform.Api.Communities;

/// <summary>Null fields keep their current value.</summary>
public sealed record UpdateCommunitySettings(
    Guid CommunityId, string? Name, string? Description, CommunityVisibility? Visibility, JoinPolicy? JoinPolicy, Guid ChangedBy,
    Guid? CoverFileId = null, ErasedMemberContent? ErasedMemberContent = null);

public static class UpdateCommunitySettingsField
{
    public static void AddUpdateCommunitySettings(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CommunityGraphType>>("updateCommunitySettings")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<CommunitySettingsInputGraphType>>("input")
            .AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("communityId");
                var input = c.GetArgument<CommunitySettingsInput>("input");
                await c.Commands().InvokeAsync(new UpdateCommunitySettings(id, input.Name, input.Description, input.Visibility,
                    input.JoinPolicy, c.UserId(), Files.FileAttachments.Id(input.CoverFileId), input.ErasedMemberContent), c.CancellationToken);
                return await CommunityReads.Current(c, id);
            });
}

public static class UpdateCommunitySettingsHandler
{
    public static async Task Handle(UpdateCommunitySettings command, IDocumentSession session, Wolverine.IMessageContext messages, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Community>(command.CommunityId, cancellation);
        var community = stream.Aggregate ?? throw DomainException.NotFound("The community");
        stream.AppendMany(Community.ChangeSettings(command, community, clock.GetUtcNow()));
        if (command.CoverFileId is { } cover)
            await Files.FileAttachments.ReplaceFiles(session, messages, [cover], Contracts.Files.FilePurpose.CommunityCover, Contracts.Files.FileOwnerKind.CommunityCover,
                command.CommunityId, command.CommunityId, command.ChangedBy, clock.GetUtcNow(), cancellation);
    }
}
