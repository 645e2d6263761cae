using GraphQL;
using GraphQL.Types;
using Marten;
using Marten.Patching;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Mail;
using Platform.Api.Privacy.Graph;
using Platform.Projections.Courses;
using Platform.Projections.Identity;
using Platform.Projections.Social;
using Platform.Api.Communities;
using Platform.Api.Files;
using Platform.Contracts.Communities;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Privacy;

/// <summary>Erases a person: <c>ErasedBy</c> is who asked (the person, or an admin with <c>ByAdmin</c>).</summary>
public sealed record EraseAccount(Guid UserId, string Confirmation, Guid ErasedBy, bool ByAdmin);

public static class DeleteMyAccountField
{
    public const int MaxConfirmation = 100;

    public static void AddDeleteMyAccount(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<AccountErasureGraphType>>("deleteMyAccount")
            .Description("Erases the caller's personal data for good (their key is destroyed) and ends their sessions. Confirm with the handle.")
            .Argument<NonNullGraphType<StringGraphType>>("confirmation", "The account's current handle.")
            .AllowOwn(PrivacyAccess.OwnAccount, SignedIn)
            .ResolveAsync(async c => await Erase(c, c.UserId(), byAdmin: false));

    /// <summary>Shared with the admin's <c>deleteUserAccount</c>: the same command, who asked differs.</summary>
    public static async Task<UserAccount?> Erase(IResolveFieldContext c, Guid userId, bool byAdmin)
    {
        var confirmation = c.GetArgument<string>("confirmation");
        if (confirmation.Length > MaxConfirmation) throw DomainException.Invalid($"A confirmation is at most {MaxConfirmation} characters.");
        await c.Commands().InvokeAsync(new EraseAccount(userId, confirmation, c.UserId(), byAdmin), c.CancellationToken);
        return await c.Reads().LoadAsync<UserAccount>(userId, c.CancellationToken);
    }
}

public static class EraseAccountHandler
{
    /// <summary>
    /// One transaction: any clear events of the person are sealed first (under the key about to go), <c>AccountErased</c> is
    /// appended (the inline <see cref="UserAccount"/> turns into "deleted member" and its sessions end), the key is destroyed,
    /// and the copies of personal data kept outside the events (mail delivery marks, certificate names) are removed, as are the
    /// person's avatar and unused uploads. Where a community's setting says so, their posts and comments there are removed too
    /// (deleted events, with the post's files).
    /// </summary>
    public static async Task Handle(EraseAccount command, IDocumentSession session, IPersonalDataKeys keys, LegacyPersonalData legacy,
        Wolverine.IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        var user = stream.Aggregate ?? throw DomainException.NotFound("The user");
        var now = clock.GetUtcNow();
        var events = Erasure.Erase(command, user, now);
        if (events.Length == 0) return;
        while (await legacy.SealPageAsync(session, command.UserId, cancellation) == LegacyPersonalData.PageSize) { }
        stream.AppendMany(events);
        var (sql, parameters) = keys.DestroySql(command.UserId, now);
        session.QueueSqlCommand(sql, parameters);
        if (user.Email is { Length: > 0 } email) session.DeleteWhere<MailDelivery>(m => m.To == email);
        session.Patch<EnrolmentView>(e => e.UserId == command.UserId && e.CertificateId != null)
            .Set(e => e.CertificateLearnerName, PersonalData.DeletedMember);
        await Files.FileDeletion.DeleteFilesOfErased(session, messages, command.UserId, now, cancellation);
        await RemoveContent(session, messages, command.UserId, command.ErasedBy, everywhere: false, now, cancellation);
    }

    /// <summary>
    /// The posts they wrote or commented on (the inline post view, so nothing just written is missed): their content removed in
    /// the communities whose setting says so, or <paramref name="everywhere"/> (the retention purge).
    /// </summary>
    public static async Task RemoveContent(IDocumentSession session, Wolverine.IMessageContext messages, Guid userId, Guid removedBy, bool everywhere,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var posts = await session.Query<PostView>().Where(p => p.AuthorId == userId || p.Comments.Any(c => c.AuthorId == userId)).ToListAsync(cancellation);
        var removing = new HashSet<Guid>();
        foreach (var communityId in posts.Select(p => p.CommunityId).Distinct())
            if (everywhere || (await session.Events.FetchLatest<Community>(communityId, cancellation))?.ErasedMemberContent == ErasedMemberContent.Remove)
                removing.Add(communityId);
        foreach (var (postId, removed) in Erasure.RemoveContent(posts, removing, userId, removedBy, now))
        {
            session.Events.Append(postId, removed);
            if (removed is Contracts.Social.PostDeleted)
            {
                await session.DeleteFilesOf(messages, Contracts.Files.FileOwnerKind.Post, [postId], Erasure.RemovedReason, now, cancellation);
                await session.DeleteFilesOf(messages, Contracts.Files.FileOwnerKind.Comment, posts.First(p => p.Id == postId).Comments.Select(c => c.Id),
                    Erasure.RemovedReason, now, cancellation);
            }
            else if (removed is Contracts.Social.CommentRemoved comment)
                await session.DeleteFilesOf(messages, Contracts.Files.FileOwnerKind.Comment, [comment.CommentId], Erasure.RemovedReason, now, cancellation);
        }
    }
}
