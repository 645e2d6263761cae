using Platform.Api.Infrastructure;
using Platform.Api.Privacy;
using Platform.Contracts.Identity;
using Platform.Contracts.Privacy;
using Platform.Contracts.Social;
using Platform.Projections.Identity;
using Platform.Projections.Social;

namespace Platform.Tests.Privacy;

/// <summary>The erasure's rule alone: who is erased, on what confirmation, and only once.</summary>
public sealed class erasure_rules
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static UserAccount User(params RoleGrant[] grants) => new() { Id = Guid.NewGuid(), Handle = "ada", DisplayName = "Ada", Grants = [.. grants] };

    [Fact]
    public void the_handle_confirms_the_erasure_and_the_event_carries_ids_and_time_only()
    {
        var user = User();
        var admin = Guid.NewGuid();

        var erased = Assert.IsType<AccountErased>(Assert.Single(Erasure.Erase(new EraseAccount(user.Id, " ADA ", admin, true), user, Now)));

        Assert.Equal(new AccountErased(user.Id, admin, true, Now), erased);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Erasure.Erase(new EraseAccount(user.Id, "bob", user.Id, false), user, Now)).Code);
    }

    [Fact]
    public void an_admin_is_not_erased_and_an_erased_account_is_not_erased_again()
    {
        var admin = User(new RoleGrant(Role.Admin, null));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Erasure.Erase(new EraseAccount(admin.Id, "ada", admin.Id, false), admin, Now)).Code);

        var gone = User();
        gone.ErasedAt = Now;
        Assert.Empty(Erasure.Erase(new EraseAccount(gone.Id, "anything", gone.Id, false), gone, Now));
    }

    [Fact]
    public void in_a_community_that_removes_their_posts_are_deleted_and_their_comments_removed_and_elsewhere_nothing()
    {
        var (person, other, removing, keeping) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var theirComment = new CommentView { Id = Guid.NewGuid(), AuthorId = person };
        var reply = new CommentView { Id = Guid.NewGuid(), ParentId = theirComment.Id, AuthorId = person };
        var othersPost = new PostView { Id = Guid.NewGuid(), CommunityId = removing, AuthorId = other, Comments = [theirComment, reply] };
        var theirPost = new PostView { Id = Guid.NewGuid(), CommunityId = removing, AuthorId = person };
        var alreadyDeleted = new PostView { Id = Guid.NewGuid(), CommunityId = removing, AuthorId = person, DeletedAt = Now };
        var kept = new PostView { Id = Guid.NewGuid(), CommunityId = keeping, AuthorId = person, Comments = [new CommentView { Id = Guid.NewGuid(), AuthorId = person }] };

        var removed = Erasure.RemoveContent([othersPost, theirPost, alreadyDeleted, kept], new HashSet<Guid> { removing }, person, other, Now).ToList();

        Assert.Equal(3, removed.Count);
        var comments = removed.Where(r => r.PostId == othersPost.Id).Select(r => Assert.IsType<CommentRemoved>(r.Event)).ToList();
        Assert.Equal([(theirComment.Id, (Guid?)null), (reply.Id, person)], comments.Select(c => (c.CommentId, c.ParentAuthorId)));
        Assert.All(comments, c => Assert.Equal((other, person, other, Erasure.RemovedReason), (c.PostAuthorId, c.AuthorId, c.RemovedBy, c.Reason)));
        var deleted = Assert.IsType<PostDeleted>(Assert.Single(removed, r => r.PostId == theirPost.Id).Event);
        Assert.Equal((person, other, Now), (deleted.AuthorId, deleted.DeletedBy, deleted.DeletedAt));
    }
}
