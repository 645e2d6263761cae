using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity.Graph;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity;

/// <summary>Null fields keep their current value.</summary>
public sealed record UpdateProfile(Guid UserId, string? Handle, string? DisplayName, string? Bio, Guid? AvatarFileId = null);

public static class UpdateProfileField
{
    public static void AddUpdateProfile(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MeGraphType>>("updateProfile")
            .Argument<NonNullGraphType<UpdateProfileInputGraphType>>("input")
            .AllowOwn(IdentityAccess.Self, SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateProfileInput>("input");
                var userId = c.UserId();
                await c.Commands().InvokeAsync(new UpdateProfile(userId, input.Handle, input.DisplayName, input.Bio, Files.FileAttachments.Id(input.AvatarFileId)),
                    c.CancellationToken);
                return await c.Reads().LoadAsync<UserAccount>(userId, c.CancellationToken);
            });
}

public static class UpdateProfileHandler
{
    /// <summary>A taken handle is refused here, and by the unique index if two changes race.</summary>
    public static async Task Handle(UpdateProfile command, IDocumentSession session, Wolverine.IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        var user = stream.Aggregate ?? throw DomainException.NotFound("The user");
        var events = Account.UpdateProfile(command, user, clock.GetUtcNow());
        if (command.AvatarFileId is { } avatar) await Files.FileAttachments.ReplaceFiles(session, messages, [avatar], Contracts.Files.FilePurpose.Avatar,
            Contracts.Files.FileOwnerKind.Profile, user.Id, null, user.Id, clock.GetUtcNow(), cancellation);
        if (events.Length == 0) return;
        var handle = ((ProfileUpdated)events[0]).Handle;
        if (await session.Query<UserAccount>().AnyAsync(u => u.Handle == handle && u.Id != user.Id, cancellation))
            throw DomainException.Conflict("That handle is taken.");
        stream.AppendMany(events);
    }
}
