using Platform.Api.Infrastructure;
using Platform.Api.Social;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Tests.Social;

/// <summary>The post stream's rules alone: given the post as its projection holds it, when a command, then events.</summary>
public sealed class post_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    private static PostView Given(params object[] events)
    {
        var post = PostViewProjection.Create((PostCreated)events[0]);
        foreach (var e in events.Skip(1))
            switch (e)
            {
                case CommentAdded added: PostViewProjection.Apply(added, post); break;
                case PostDeleted deleted: PostViewProjection.Apply(deleted, post); break;
                default: throw new ArgumentException(e.GetType().Name);
            }
        return post;
    }

    private static PostCreated Created() =>
        (PostCreated)Post.Create(new CreatePost(Guid.NewGuid(), Guid.NewGuid(), null, " Hello ", " World ", null, Author), [], Now)[0];

    [Fact]
    public void a_post_is_trimmed_and_filed_under_the_default_category()
    {
        var created = Created();

        Assert.Equal(("Hello", "World", Post.DefaultCategory), (created.Title, created.Body, created.Category));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Post.Create(new CreatePost(Guid.NewGuid(), Guid.NewGuid(), null, " ", "body", null, Author), [], Now)).Code);
    }

    [Fact]
    public void mentions_are_handles_lower_cased_once_each_and_not_email_addresses() =>
        Assert.Equal(["ada", "bob_1"], Post.MentionedHandles("Hi @Ada and @bob_1, @ada again; mail ada@example.test"));

    [Fact]
    public void only_the_author_edits_and_an_edit_that_changes_nothing_is_no_event()
    {
        var post = Given(Created());

        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Post.Edit(post, new EditPost(post.Id, "New", null, null, Other), [], Now)).Code);
        Assert.Empty(Post.Edit(post, new EditPost(post.Id, "Hello", null, null, Author), [], Now));
        Assert.Equal("New", Assert.IsType<PostEdited>(Assert.Single(Post.Edit(post, new EditPost(post.Id, "New", null, null, Author), [], Now))).Title);
    }

    [Fact]
    public void staff_deleting_someone_elses_post_say_why_and_deleting_twice_changes_nothing()
    {
        var post = Given(Created());

        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Post.Delete(post, new DeletePost(post.Id, "spam", Other), false, Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Post.Delete(post, new DeletePost(post.Id, null, Other), true, Now)).Code);
        var deleted = Assert.IsType<PostDeleted>(Assert.Single(Post.Delete(post, new DeletePost(post.Id, null, Author), false, Now)));
        Assert.Equal("Deleted by the author", deleted.Reason);
        Assert.Empty(Post.Delete(Given(Created() with { PostId = post.Id }, deleted), new DeletePost(post.Id, null, Author), false, Now));
    }

    [Fact]
    public void replies_are_one_level_deep_and_the_same_comment_is_added_once()
    {
        var created = Created();
        var first = (CommentAdded)Post.Comment(Given(created), new AddComment(created.PostId, Guid.NewGuid(), null, "first", Other), [], Now)[0];
        var post = Given(created, first);

        var reply = Assert.IsType<CommentAdded>(Assert.Single(Post.Comment(post, new AddComment(post.Id, Guid.NewGuid(), first.CommentId, "re", Author), [], Now)));
        var replied = Given(created, first, reply);

        Assert.Equal(Other, reply.ParentAuthorId);
        Assert.Empty(Post.Comment(replied, new AddComment(post.Id, first.CommentId, null, "first", Other), [], Now));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Post.Comment(replied, new AddComment(post.Id, Guid.NewGuid(), reply.CommentId, "deeper", Other), [], Now)).Code);
    }
}
