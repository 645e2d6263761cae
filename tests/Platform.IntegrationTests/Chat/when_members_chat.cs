using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Chat;

/// <summary>Groups are small in this fixture, so the size limit is reached with few people.</summary>
public sealed class ChatApp : PlatformApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Chat:MaxGroupSize"] = "3" };
}

public sealed class when_members_chat(ChatApp app) : IClassFixture<ChatApp>
{
    private readonly ChatScenario chat = new(app);

    private static string User(string prefix) => ChatScenario.User(prefix);

    [Fact]
    public async Task two_members_writing_each_other_first_at_the_same_moment_end_in_one_conversation()
    {
        var (ann, bob) = (User("ann"), User("bob"));
        await chat.CommunityWith(User("owner"), ann, bob);

        var sends = await Task.WhenAll(
            chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "Hi Bob" }),
            chat.Send(bob, new { toUserId = ChatScenario.Id(ann), body = "Hi Ann" }));

        var conversationId = sends[0].GetProperty("conversationId").GetString()!;
        Assert.Equal(conversationId, sends[1].GetProperty("conversationId").GetString());
        var conversation = await chat.Conversation(ann, conversationId);
        Assert.Equal("DIRECT", conversation.GetProperty("kind").GetString());
        Assert.Equal(["Hi Ann", "Hi Bob"], conversation.GetProperty("messages").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node").GetProperty("body").GetString()).Order());
        Assert.Single(await chat.Conversations(ann), c => c.GetProperty("kind").GetString() == "DIRECT");
        Assert.Equal(1, conversation.GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task unread_counts_follow_messages_by_others_and_the_read_marker()
    {
        var (ann, bob) = (User("ann"), User("bob"));
        await chat.CommunityWith(User("owner"), ann, bob);
        var conversationId = (await chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "One" })).GetProperty("conversationId").GetString()!;
        await chat.Send(ann, new { conversationId, body = "Two" });
        await chat.Send(bob, new { conversationId, body = "Mine do not count for me" });

        Assert.Equal(2, (await chat.Conversation(bob, conversationId)).GetProperty("unreadCount").GetInt32());
        Assert.Equal(1, (await chat.Conversation(ann, conversationId)).GetProperty("unreadCount").GetInt32());

        var read = await app.Client(bob).Data("mutation($c: ID!) { markConversationRead(conversationId: $c) { unreadCount } }", new { c = conversationId });
        Assert.Equal(0, read.GetProperty("markConversationRead").GetProperty("unreadCount").GetInt32());
        await chat.Send(ann, new { conversationId, body = "Three" });
        var listed = (await chat.Conversations(bob)).Single(c => c.GetProperty("id").GetString() == conversationId);
        Assert.Equal(1, listed.GetProperty("unreadCount").GetInt32());
        Assert.Equal("Three", listed.GetProperty("lastMessage").GetProperty("body").GetString());
    }

    [Fact]
    public async Task conversations_are_listed_by_their_latest_message_and_messages_are_paged_newest_first()
    {
        var (ann, bob, cid) = (User("ann"), User("bob"), User("cid"));
        await chat.CommunityWith(User("owner"), ann, bob, cid);
        var withBob = (await chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "m0" })).GetProperty("conversationId").GetString()!;
        var withCid = (await chat.Send(ann, new { toUserId = ChatScenario.Id(cid), body = "hello" })).GetProperty("conversationId").GetString()!;
        Assert.Equal([withCid, withBob], (await chat.Conversations(ann)).Select(c => c.GetProperty("id").GetString()));
        for (var i = 1; i < 5; i++) await chat.Send(bob, new { conversationId = withBob, body = $"m{i}" });
        Assert.Equal([withBob, withCid], (await chat.Conversations(ann)).Select(c => c.GetProperty("id").GetString()));

        var seen = new List<string?>();
        string? after = null;
        do
        {
            var messages = (await chat.Conversation(ann, withBob, 2, after)).GetProperty("messages");
            seen.AddRange(messages.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("body").GetString()));
            after = messages.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? messages.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        } while (after is not null);
        Assert.Equal(["m4", "m3", "m2", "m1", "m0"], seen);
    }

    [Fact]
    public async Task a_group_takes_its_members_up_to_the_configured_size_and_no_one_else()
    {
        var (ann, bob, cid, dan) = (User("ann"), User("bob"), User("cid"), User("dan"));
        await chat.CommunityWith(User("owner"), ann, bob, cid, dan);
        const string start = "mutation($i: StartGroupConversationInput!) { startGroupConversation(input: $i) { id kind title members { handle } } }";

        var tooMany = await app.Client(ann).Send(start, new { i = new { title = "Crowd", memberIds = new[] { bob, cid, dan }.Select(ChatScenario.Id) } });
        Assert.Equal("VALIDATION", tooMany.FirstErrorCode);

        var group = (await app.Client(ann).Data(start, new { i = new { title = "Study group", memberIds = new[] { bob, cid }.Select(ChatScenario.Id) } }))
            .GetProperty("startGroupConversation");
        var groupId = group.GetProperty("id").GetString()!;
        Assert.Equal("GROUP", group.GetProperty("kind").GetString());
        Assert.Equal(new[] { ann, bob, cid }.Order(), group.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("handle").GetString()!).Order());

        await chat.Send(bob, new { conversationId = groupId, body = "Hello group" });
        Assert.Equal(1, (await chat.Conversation(cid, groupId)).GetProperty("unreadCount").GetInt32());
        Assert.Equal("FORBIDDEN", (await chat.TrySend(dan, new { conversationId = groupId, body = "Let me in" })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app.Client(dan).Send(ChatScenario.ConversationQuery, new { c = groupId })).FirstErrorCode);
    }

    [Fact]
    public async Task a_community_channel_is_for_its_members_and_a_banned_member_loses_it()
    {
        var (owner, ann, bob, stranger) = (User("owner"), User("ann"), User("bob"), User("stranger"));
        var community = await chat.CommunityWith(owner, ann, bob);

        var first = await chat.Send(ann, new { communityId = community, body = "Welcome, everyone" });
        var channelId = first.GetProperty("conversationId").GetString()!;
        var channel = (await app.Client(bob).Data("query($c: ID!) { communityChannel(communityId: $c) { id kind unreadCount } }", new { c = community }))
            .GetProperty("communityChannel");
        Assert.Equal((channelId, "COMMUNITY", 1), (channel.GetProperty("id").GetString(), channel.GetProperty("kind").GetString(), channel.GetProperty("unreadCount").GetInt32()));
        await chat.Send(owner, new { conversationId = channelId, body = "The creator is in too" });
        Assert.Contains(await chat.Conversations(bob), c => c.GetProperty("id").GetString() == channelId);

        Assert.Equal("FORBIDDEN", (await chat.TrySend(stranger, new { communityId = community, body = "Hello?" })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await chat.TrySend(stranger, new { conversationId = channelId, body = "Hello?" })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app.Client(stranger).Send(ChatScenario.ConversationQuery, new { c = channelId })).FirstErrorCode);

        await app.Client(owner).Data("mutation($c: ID!, $u: ID!) { banMember(communityId: $c, userId: $u, reason: \"spam\") { id } }",
            new { c = community, u = ChatScenario.Id(bob) });
        Assert.Equal("FORBIDDEN", (await chat.TrySend(bob, new { conversationId = channelId, body = "Still here?" })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app.Client(bob).Send(ChatScenario.ConversationQuery, new { c = channelId })).FirstErrorCode);
    }

    [Fact]
    public async Task a_member_reaches_only_people_sharing_a_community_or_following_them()
    {
        var (ann, bob) = (User("ann"), User("bob"));
        await app.Client(bob).Data("{ me { id } }");
        Assert.Equal("FORBIDDEN", (await chat.TrySend(ann, new { toUserId = ChatScenario.Id(bob), body = "Hi stranger" })).FirstErrorCode);

        await app.Client(bob).Data("mutation($t: ID!) { follow(targetId: $t) { id } }", new { t = ChatScenario.Id(ann) });
        await chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "You follow me, so hi" });
    }

    [Fact]
    public async Task blocking_stops_direct_messages_both_ways_until_lifted()
    {
        var (ann, bob) = (User("ann"), User("bob"));
        await chat.CommunityWith(User("owner"), ann, bob);
        var conversationId = (await chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "Hi" })).GetProperty("conversationId").GetString()!;

        await app.Client(bob).Data("mutation($u: ID!) { blockUser(userId: $u) { id } }", new { u = ChatScenario.Id(ann) });
        Assert.Equal("FORBIDDEN", (await chat.TrySend(ann, new { conversationId, body = "Hello?" })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await chat.TrySend(bob, new { toUserId = ChatScenario.Id(ann), body = "Just one more" })).FirstErrorCode);

        await app.Client(bob).Data("mutation($u: ID!) { blockUser(userId: $u, blocked: false) { id } }", new { u = ChatScenario.Id(ann) });
        await chat.Send(ann, new { conversationId, body = "Friends again" });
    }

    [Fact]
    public async Task the_sender_edits_and_deletes_a_message_and_readers_see_who_deleted_it()
    {
        var (ann, bob) = (User("ann"), User("bob"));
        await chat.CommunityWith(User("owner"), ann, bob);
        var message = await chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "Tpyo" });
        var id = message.GetProperty("id").GetString();

        Assert.Equal("NOT_FOUND", (await app.Client(bob).Send("mutation($m: ID!) { editMessage(messageId: $m, body: \"Mine now\") { id } }", new { m = id })).FirstErrorCode);
        var edited = (await app.Client(ann).Data($"mutation($m: ID!) {{ editMessage(messageId: $m, body: \"Typo\") {{ {ChatScenario.MessageFields} }} }}", new { m = id }))
            .GetProperty("editMessage");
        Assert.Equal("Typo", edited.GetProperty("body").GetString());
        Assert.NotEqual(JsonValueKind.Null, edited.GetProperty("editedAt").ValueKind);

        await app.Client(ann).Data("mutation($m: ID!) { deleteMessage(messageId: $m) { id } }", new { m = id });
        var seen = (await chat.Conversation(bob, message.GetProperty("conversationId").GetString()!)).GetProperty("messages").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("body").ValueKind);
        Assert.Equal(ChatScenario.Id(ann), seen.GetProperty("deletedBy").GetString());
    }
}
