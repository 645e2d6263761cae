using Platform.Api.Chat;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Chat;

namespace Platform.Tests.Chat;

public sealed class chat_rules
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    private static Relation Reachable(Guid who) => new(who, Reachable: true, Blocked: false);

    [Fact]
    public void a_direct_conversation_has_one_id_per_pair_whoever_starts_it()
    {
        var byAnn = Conversations.StartDirect(Ann, Reachable(Bob), Now);
        var byBob = Conversations.StartDirect(Bob, Reachable(Ann), Now);

        Assert.Equal(byAnn.ConversationId, byBob.ConversationId);
        Assert.Equal(DeterministicId.DirectConversation(Ann, Bob), byAnn.ConversationId);
        Assert.Equal([Ann, Bob], byAnn.MemberIds);
    }

    [Fact]
    public void nobody_reaches_a_stranger_someone_blocked_or_themself()
    {
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Conversations.StartDirect(Ann, new Relation(Bob, false, false), Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Conversations.StartDirect(Ann, new Relation(Bob, true, true), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Conversations.StartDirect(Ann, Reachable(Ann), Now)).Code);
    }

    [Fact]
    public void a_group_counts_its_starter_against_the_size_limit()
    {
        var others = new[] { Reachable(Bob), Reachable(Guid.NewGuid()) };

        var group = Conversations.StartGroup(Guid.NewGuid(), " Study ", Ann, others, maxSize: 3, Now);

        Assert.Equal("Study", group.Title);
        Assert.Equal(3, group.MemberIds.Count);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Conversations.StartGroup(Guid.NewGuid(), "Crowd", Ann, [.. others, Reachable(Guid.NewGuid())], maxSize: 3, Now)).Code);
    }

    [Fact]
    public void only_participants_send_and_a_block_silences_a_direct_conversation_but_not_a_group()
    {
        var direct = Conversation.Create(Conversations.StartDirect(Ann, Reachable(Bob), Now));
        var group = Conversation.Create(Conversations.StartGroup(Guid.NewGuid(), "G", Ann, [Reachable(Bob)], 10, Now));
        var channel = Conversation.Create(Conversations.StartChannel(Guid.NewGuid(), "Makers", Ann, Now));

        Assert.Equal("hi", Conversations.Send(direct, Guid.NewGuid(), Bob, "  hi  ", false, false, 100, Now).Body);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Conversations.Send(direct, Guid.NewGuid(), Bob, "hi", false, blocked: true, 100, Now)).Code);
        Assert.NotNull(Conversations.Send(group, Guid.NewGuid(), Bob, "hi", false, blocked: true, 100, Now));
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Conversations.Send(group, Guid.NewGuid(), Guid.NewGuid(), "hi", false, false, 100, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Conversations.Send(channel, Guid.NewGuid(), Ann, "hi", insideCommunity: false, false, 100, Now)).Code);
        Assert.NotNull(Conversations.Send(channel, Guid.NewGuid(), Bob, "hi", insideCommunity: true, false, 100, Now));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("0123456789x")]
    public void an_empty_or_too_long_message_is_refused(string body) =>
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Conversations.Body(body, maxLength: 10)).Code);

    [Fact]
    public void the_sender_edits_and_the_sender_or_channel_staff_delete_once()
    {
        var message = Message.Create(new MessageSent(Guid.NewGuid(), Guid.NewGuid(), "hi", Ann, Now));

        Assert.Equal("hello", Messages.Edit(message, Ann, "hello", 100, Now).Body);
        Assert.Throws<DomainException>(() => Messages.Edit(message, Bob, "mine", 100, Now));
        Assert.Throws<DomainException>(() => Messages.Delete(message, Bob, channelStaff: false, Now));
        var deleted = Assert.IsType<MessageDeleted>(Assert.Single(Messages.Delete(message, Bob, channelStaff: true, Now)));
        Assert.Equal(Bob, deleted.DeletedBy);
        Assert.Empty(Messages.Delete(message.Apply(deleted), Ann, false, Now));
        Assert.Throws<DomainException>(() => Messages.Edit(message.Apply(deleted), Ann, "back", 100, Now));
    }

    [Fact]
    public void the_read_marker_only_moves_forward_and_never_past_now()
    {
        var conversation = Guid.NewGuid();
        var read = Assert.IsType<ConversationRead>(Assert.Single(ReadMarkers.MarkRead(null, conversation, Ann, Now.AddDays(1), Now)));
        Assert.Equal(Now, read.UpTo);
        Assert.Empty(ReadMarkers.MarkRead(ReadMarker.Create(read), conversation, Ann, Now.AddMinutes(-5), Now.AddMinutes(1)));
    }

    [Fact]
    public void blocking_twice_changes_nothing_and_unblocking_lifts_it()
    {
        var blocked = Assert.IsType<UserBlocked>(Assert.Single(Blocks.Block(null, Ann, Bob, Now)));
        var block = Block.Create(blocked);
        Assert.Empty(Blocks.Block(block, Ann, Bob, Now));
        var lifted = Assert.IsType<UserUnblocked>(Assert.Single(Blocks.Unblock(block, Ann, Bob, Now)));
        Assert.Empty(Blocks.Unblock(block.Apply(lifted), Ann, Bob, Now));
        Assert.Throws<DomainException>(() => Blocks.Block(null, Ann, Ann, Now));
    }
}
