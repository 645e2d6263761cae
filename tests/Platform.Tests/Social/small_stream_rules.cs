using Platform.Api.Infrastructure;
using Platform.Api.Social;
using Platform.Contracts.Communities;
using Platform.Contracts.Social;
using Platform.Projections.Communities;
using Platform.Projections.Social;

namespace Platform.Tests.Social;

/// <summary>The rules of the reaction, follow and notification-marker streams: each repeat changes nothing.</summary>
public sealed class small_stream_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Reader = Guid.NewGuid();

    [Fact]
    public void a_reaction_names_the_author_of_its_target_and_reacting_again_or_taking_back_nothing_is_no_event()
    {
        var post = new PostView { Id = Guid.NewGuid(), CommunityId = Guid.NewGuid(), AuthorId = Author };
        var command = new React(post.Id, ReactionKind.Like, Reader);

        var reacted = Assert.IsType<Reacted>(Assert.Single(Reaction.React(post, null, command, Now)));
        var view = ReactionViewProjection.Create(reacted);

        Assert.Equal(Author, reacted.TargetAuthorId);
        Assert.Empty(Reaction.React(post, view, command, Now));
        Assert.IsType<Unreacted>(Assert.Single(Reaction.Unreact(post, view, new Unreact(post.Id, ReactionKind.Like, Reader), Now)));
        Assert.Empty(Reaction.Unreact(post, null, new Unreact(post.Id, ReactionKind.Like, Reader), Now));
    }

    [Fact]
    public void nobody_follows_themself_or_a_private_community_from_outside_and_unfollowing_needs_a_follow()
    {
        var target = Guid.NewGuid();

        var followed = Assert.IsType<Followed>(Assert.Single(Following.Follow(null, new Follow(target, Reader), FollowTarget.User, true, Now)));
        var view = FollowViewProjection.Create(followed);

        Assert.Empty(Following.Follow(view, new Follow(target, Reader), FollowTarget.User, true, Now));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Following.Follow(null, new Follow(Reader, Reader), FollowTarget.User, true, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Following.Follow(null, new Follow(target, Reader), FollowTarget.Community, false, Now)).Code);
        Assert.IsType<Unfollowed>(Assert.Single(Following.Unfollow(view, null, new Unfollow(target, Reader), Now)));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Following.Unfollow(null, null, new Unfollow(target, Reader), Now)).Code);
    }

    [Fact]
    public void a_timeline_follows_a_joined_community_until_the_membership_ends_or_a_later_unfollow_and_a_follow_outlives_the_membership()
    {
        var community = Guid.NewGuid();
        MembershipView Member(MembershipStatus status, DateTimeOffset joinedAt) =>
            new() { CommunityId = community, UserId = Reader, Status = status, JoinedAt = joinedAt };
        var unfollowed = FollowViewProjection.Create((Unfollowed)Following.Unfollow(null, Member(MembershipStatus.Active, Now), new Unfollow(community, Reader), Now.AddHours(1))[0]);
        var followed = FollowViewProjection.Create(new Followed(unfollowed.Id, Reader, community, FollowTarget.Community, Now));

        Assert.Equal((FollowTarget.Community, false), (unfollowed.Target, unfollowed.Active));
        Assert.True(TimelineFollows.Follows(null, Member(MembershipStatus.Active, Now)));
        Assert.False(TimelineFollows.Follows(null, Member(MembershipStatus.Left, Now)));
        Assert.False(TimelineFollows.Follows(unfollowed, Member(MembershipStatus.Active, Now)));
        Assert.True(TimelineFollows.Follows(unfollowed, Member(MembershipStatus.Active, Now.AddHours(2))));
        Assert.True(TimelineFollows.Follows(followed, Member(MembershipStatus.Banned, Now)));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() =>
            Following.Unfollow(unfollowed, Member(MembershipStatus.Active, Now), new Unfollow(community, Reader), Now.AddHours(2))).Code);
    }

    [Fact]
    public void the_notification_marker_only_moves_forward_and_never_past_now()
    {
        var read = Assert.IsType<NotificationsRead>(Assert.Single(NotificationsMarker.MarkRead(null, new MarkNotificationsRead(Reader, Now.AddDays(1)), Now)));
        var marker = NotificationsMarker.Create(read);

        Assert.Equal(Now, read.UpTo);
        Assert.Empty(NotificationsMarker.MarkRead(marker, new MarkNotificationsRead(Reader, Now.AddHours(-1)), Now.AddHours(1)));
        Assert.Equal(Now.AddMinutes(30), marker.Apply((NotificationsRead)NotificationsMarker.MarkRead(marker, new MarkNotificationsRead(Reader, Now.AddMinutes(30)), Now.AddHours(1))[0]).ReadUpTo);
    }
}
