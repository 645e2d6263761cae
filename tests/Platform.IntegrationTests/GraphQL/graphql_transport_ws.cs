using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.GraphQL;

/// <summary>The app on a clock the tests move: the initialisation timeout and token expiry pass without waiting.</summary>
public sealed class WebSocketApp : PlatformApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>The WebSocket transport against the graphql-transport-ws protocol: each rule and the close code it calls for.</summary>
public sealed class graphql_transport_ws(WebSocketApp app) : IClassFixture<WebSocketApp>
{
    private const string CreateCommunity = "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }";
    private const string JoinCommunity = "mutation($id: ID!) { joinCommunity(communityId: $id) { userId status } }";
    private const string MemberJoined = "subscription($id: ID!) { memberJoined(communityId: $id) { userId communityId status } }";


    private Task<GraphQLWebSocketClient> Connect(string? subProtocol = "graphql-transport-ws") => GraphQLWebSocketClient.Connect(app.Host, subProtocol);

    private static string TypeOf(JsonElement message) => message.GetProperty("type").GetString()!;

    private static string? IdOf(JsonElement message) => message.TryGetProperty("id", out var id) ? id.GetString() : null;

    /// <summary>A ping/pong round trip: every message the client sent before it has been handled, and nothing else was sent back meanwhile.</summary>
    /// <remarks>The creator's own join reaches live subscribers asynchronously, so it may arrive after a subscription is set up: <paramref name="creator"/> skips it.</remarks>
    private static async Task AssertNextIsPong(GraphQLWebSocketClient client, string? creator = null)
    {
        await client.Send(new { type = "ping" });
        var message = creator is null ? await client.Receive(TimeSpan.FromSeconds(10)) : await ReceiveIgnoringCreator(client, creator);
        Assert.True(TypeOf(message) == "pong", $"Expected only a pong, got {message}");
    }

    private async Task<string> CreateCommunityAs(string user)
    {
        var slug = Unique("live");
        var created = await app.Client(user).Data(CreateCommunity, new { input = new { name = $"Live {slug}", slug } });
        return created.GetProperty("createCommunity").GetProperty("id").GetString()!;
    }

    private async Task Join(string user, string communityId)
    {
        var joined = (await app.Client(user).Data(JoinCommunity, new { id = communityId })).GetProperty("joinCommunity");
        Assert.Equal("ACTIVE", joined.GetProperty("status").GetString());
    }

    /// <summary>The next message that is not about the creator's own join (its notification may trail the subscribe).</summary>
    private static async Task<JsonElement> ReceiveIgnoringCreator(GraphQLWebSocketClient client, string creator)
    {
        while (true)
        {
            var message = await client.Receive(TimeSpan.FromSeconds(15));
            if (TypeOf(message) == "next"
                && message.GetProperty("payload").TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.GetProperty("memberJoined").GetProperty("userId").GetString()
                    == PlatformApp.UserId(creator).ToString())
                continue;
            return message;
        }
    }

    /// <summary>A bare socket for what the shared client cannot send (binary frames).</summary>
    private async Task<WebSocket> RawSocket()
    {
        var client = app.Host.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        return await client.ConnectAsync(new Uri(app.Host.Server.BaseAddress, "graphql"), CancellationToken.None);
    }

    // ---- connection ----

    [Fact]
    public async Task a_connection_without_the_subprotocol_is_closed_with_4406()
    {
        await using var client = await Connect(subProtocol: null);

        Assert.Equal(4406, await client.ExpectClose());
    }

    [Fact]
    public async Task a_connection_with_another_subprotocol_is_closed_with_4406()
    {
        await using var client = await Connect(subProtocol: "graphql-ws");

        Assert.Equal(4406, await client.ExpectClose());
    }

    [Fact]
    public async Task a_connection_that_never_initialises_is_closed_with_4408_after_the_timeout()
    {
        await using var client = await Connect();
        await AssertNextIsPong(client); // the session runs, and its timeout with it

        app.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await AssertNextIsPong(client); // not closed before the 2 s initialisation timeout
        app.Clock.Advance(TimeSpan.FromSeconds(0.5));

        Assert.Equal(4408, await client.ExpectClose(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task an_initialised_connection_outlives_the_init_timeout()
    {
        await using var client = await Connect();
        await client.Initialise();

        app.Clock.Advance(TimeSpan.FromSeconds(3));

        await AssertNextIsPong(client);
    }

    [Fact]
    public async Task a_second_connection_init_is_closed_with_4429()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { type = "connection_init" });

        Assert.Equal(4429, await client.ExpectClose());
    }

    [Fact]
    public async Task a_subscribe_before_connection_ack_is_closed_with_4401()
    {
        await using var client = await Connect();

        await client.Send(new { id = "1", type = "subscribe", payload = new { query = "{ communities { nodes { id } } }" } });

        Assert.Equal(4401, await client.ExpectClose());
    }

    [Fact]
    public async Task a_connection_init_with_an_invalid_token_is_closed_with_4403()
    {
        await using var client = await Connect();

        await client.Send(new { type = "connection_init", payload = new { Authorization = "Bearer not-a-jwt" } });

        Assert.Equal(4403, await client.ExpectClose());
    }

    [Fact]
    public async Task a_connection_init_with_a_tampered_token_is_closed_with_4403()
    {
        var parts = PlatformApp.Token("mallory").Split('.');
        var signature = parts[2].ToCharArray();
        signature[signature.Length / 2] = signature[signature.Length / 2] == 'A' ? 'B' : 'A';
        await using var client = await Connect();

        await client.Send(new { type = "connection_init", payload = new { Authorization = $"Bearer {parts[0]}.{parts[1]}.{new string(signature)}" } });

        Assert.Equal(4403, await client.ExpectClose());
    }

    [Fact]
    public async Task a_connection_init_with_a_valid_token_is_acknowledged()
    {
        await using var client = await Connect();

        await client.Send(new { type = "connection_init", payload = new { Authorization = $"Bearer {PlatformApp.Token("wanda")}" } });

        var ack = await client.Receive();
        Assert.Equal("connection_ack", TypeOf(ack));
    }

    [Fact]
    public async Task the_token_from_connection_init_is_the_caller_of_operations()
    {
        await using var client = await Connect();
        await client.Initialise(PlatformApp.Token("walt"));
        var slug = Unique("ws-create");

        await client.Send(new
        {
            id = "create",
            type = "subscribe",
            payload = new { query = "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { creatorId } }", variables = new { input = new { name = "By socket", slug } } },
        });

        var next = await client.Receive();
        Assert.True(TypeOf(next) == "next", $"Expected next, got {next}");
        Assert.Equal(PlatformApp.UserId("walt").ToString(),
            next.GetProperty("payload").GetProperty("data").GetProperty("createCommunity").GetProperty("creatorId").GetString());
        Assert.Equal("complete", TypeOf(await client.Receive()));
    }

    // ---- invalid messages ----

    [Fact]
    public async Task a_message_that_is_not_json_is_closed_with_4400()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.SendText("{ this is not json");

        Assert.Equal(4400, await client.ExpectClose());
    }

    [Fact]
    public async Task a_message_of_an_unknown_type_is_closed_with_4400()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { type = "start", id = "1", payload = new { query = "{ communities { nodes { id } } }" } });

        Assert.Equal(4400, await client.ExpectClose());
    }

    [Theory]
    [InlineData("""{"id": "1", "payload": {}}""")]
    [InlineData("""{"type": 7}""")]
    [InlineData("""["ping"]""")]
    public async Task a_message_without_a_string_type_is_closed_with_4400(string text)
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.SendText(text);

        Assert.Equal(4400, await client.ExpectClose());
    }

    [Fact]
    public async Task a_binary_message_is_closed_with_4400()
    {
        using var socket = await RawSocket();
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"connection_init"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var ack = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Contains("connection_ack", Encoding.UTF8.GetString(buffer, 0, ack.Count));

        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"ping"}"""), WebSocketMessageType.Binary, true, CancellationToken.None);

        WebSocketReceiveResult frame;
        try
        {
            frame = await socket.ReceiveAsync(buffer, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            Assert.Fail($"Expected a 4400 close, the connection ended without one ({e.GetType().Name}: {e.Message})");
            return;
        }
        Assert.True(frame.MessageType == WebSocketMessageType.Close,
            $"Expected a 4400 close, got a {frame.MessageType} frame: {Encoding.UTF8.GetString(buffer, 0, frame.Count)}");
        Assert.Equal(4400, (int)socket.CloseStatus!.Value);
    }

    [Fact]
    public async Task a_subscribe_without_a_payload_is_closed_with_4400()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { id = "1", type = "subscribe" });

        Assert.Equal(4400, await client.ExpectClose());
    }

    [Fact]
    public async Task a_subscribe_without_an_id_is_closed_with_4400()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { type = "subscribe", payload = new { query = "{ communities { nodes { id } } }" } });

        Assert.Equal(4400, await client.ExpectClose());
    }

    [Fact]
    public async Task a_subscribe_whose_query_is_not_a_string_is_closed_with_4400()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { id = "1", type = "subscribe", payload = new { query = 42 } });

        Assert.Equal(4400, await client.ExpectClose());
    }

    [Fact]
    public async Task a_second_subscribe_with_an_active_id_is_closed_with_4409()
    {
        // The creator may subscribe, so the first operation really is active when the second arrives.
        var creator = $"dup{Guid.NewGuid():N}"[..12];
        var communityId = await CreateCommunityAs(creator);
        await using var client = await Connect();
        await client.Initialise(PlatformApp.Token(creator));
        var subscribe = new { id = "same", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = communityId } } };

        await client.Send(subscribe);
        await AssertNextIsPong(client); // the first subscription is live
        await client.Send(subscribe);

        Assert.Equal(4409, await client.ExpectClose());
    }

    // ---- ping ----

    [Fact]
    public async Task a_ping_is_answered_with_a_pong()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { type = "ping" });

        Assert.Equal("pong", TypeOf(await client.Receive()));
    }

    [Fact]
    public async Task a_ping_before_initialisation_is_answered_too()
    {
        await using var client = await Connect();

        await client.Send(new { type = "ping" });

        Assert.Equal("pong", TypeOf(await client.Receive()));
    }

    [Fact]
    public async Task an_unsolicited_pong_is_ignored()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { type = "pong" });

        await AssertNextIsPong(client);
    }

    // ---- single-result operations ----

    [Fact]
    public async Task a_query_over_subscribe_gives_next_with_data_then_complete()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { id = "q1", type = "subscribe", payload = new { query = "{ communities(first: 1) { nodes { id } pageInfo { hasNextPage } } }" } });

        var next = await client.Receive();
        Assert.True(TypeOf(next) == "next", $"Expected next, got {next}");
        Assert.Equal("q1", IdOf(next));
        var payload = next.GetProperty("payload");
        Assert.False(payload.TryGetProperty("errors", out _), $"Unexpected errors: {payload}");
        Assert.Equal(JsonValueKind.Object, payload.GetProperty("data").GetProperty("communities").ValueKind);
        var complete = await client.Receive();
        Assert.Equal("complete", TypeOf(complete));
        Assert.Equal("q1", IdOf(complete));
    }

    [Fact]
    public async Task an_id_may_be_reused_once_its_operation_completed()
    {
        await using var client = await Connect();
        await client.Initialise();
        var query = new { id = "again", type = "subscribe", payload = new { query = "{ communities(first: 1) { nodes { id } } }" } };

        await client.Send(query);
        Assert.Equal("next", TypeOf(await client.Receive()));
        Assert.Equal("complete", TypeOf(await client.Receive()));
        await client.Send(query);

        Assert.Equal("next", TypeOf(await client.Receive()));
        Assert.Equal("complete", TypeOf(await client.Receive()));
    }

    [Fact]
    public async Task a_query_with_a_validation_error_gives_an_error_message_with_codes()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { id = "bad", type = "subscribe", payload = new { query = "{ communities { nodes { doesNotExist } } }" } });

        var error = await client.Receive();
        Assert.True(TypeOf(error) == "error", $"Expected error, got {error}");
        Assert.Equal("bad", IdOf(error));
        var errors = error.GetProperty("payload");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.True(errors.GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(errors[0].GetProperty("extensions").GetProperty("code").GetString()), $"No code in {errors}");
        // error ends the operation: no complete follows, and the connection stays usable.
        await AssertNextIsPong(client);
    }

    [Fact]
    public async Task a_query_with_a_syntax_error_gives_an_error_message()
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { id = "syntax", type = "subscribe", payload = new { query = "{ communities { " } });

        var error = await client.Receive();
        Assert.True(TypeOf(error) == "error", $"Expected error, got {error}");
        Assert.Equal("syntax", IdOf(error));
        Assert.Equal("SYNTAX_ERROR", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    // ---- subscriptions ----

    [Fact]
    public async Task a_member_joining_is_pushed_to_the_subscriber_until_it_completes()
    {
        var communityId = await CreateCommunityAs("sofia");
        await using var client = await Connect();
        await client.Initialise(PlatformApp.Token("sofia"));

        // Two subscriptions on the community: "watch" is completed later, "control" stays as proof that events still flow.
        await client.Send(new { id = "watch", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = communityId } } });
        await client.Send(new { id = "control", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = communityId } } });
        await AssertNextIsPong(client, "sofia"); // subscriptions are set up in order, so once the pong is back both are live

        await Join("tomas", communityId);

        var received = new Dictionary<string, JsonElement>();
        while (received.Count < 2)
        {
            var message = await ReceiveIgnoringCreator(client, "sofia");
            Assert.True(TypeOf(message) == "next", $"Expected next, got {message}");
            Assert.True(received.TryAdd(IdOf(message)!, message), $"Two messages for {IdOf(message)}");
        }
        Assert.Equal(new[] { "control", "watch" }, received.Keys.Order());
        var joined = received["watch"].GetProperty("payload").GetProperty("data").GetProperty("memberJoined");
        Assert.Equal(PlatformApp.UserId("tomas").ToString(), joined.GetProperty("userId").GetString());
        Assert.Equal(communityId, joined.GetProperty("communityId").GetString());
        Assert.Equal("ACTIVE", joined.GetProperty("status").GetString());

        await client.Send(new { id = "watch", type = "complete" });
        await AssertNextIsPong(client, "sofia"); // the complete has been handled

        await Join("ursula", communityId);

        var after = await client.Receive();
        Assert.True(TypeOf(after) == "next" && IdOf(after) == "control", $"Expected only the control subscription to hear the second join, got {after}");
        Assert.Equal(PlatformApp.UserId("ursula").ToString(),
            after.GetProperty("payload").GetProperty("data").GetProperty("memberJoined").GetProperty("userId").GetString());
        await AssertNextIsPong(client, "sofia"); // nothing for the completed "watch" arrived, before or after
    }

    [Fact]
    public async Task a_subscriber_hears_only_the_community_it_asked_for()
    {
        var watched = await CreateCommunityAs("olga");
        var other = await CreateCommunityAs("olga");
        await using var client = await Connect();
        await client.Initialise(PlatformApp.Token("olga"));

        await client.Send(new { id = "w", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = watched } } });
        await AssertNextIsPong(client);
        await AssertNextIsPong(client);

        await Join("pablo", other);
        await Join("quinn", watched);

        var next = await ReceiveIgnoringCreator(client, "olga");
        Assert.True(TypeOf(next) == "next", $"Expected next, got {next}");
        Assert.Equal(PlatformApp.UserId("quinn").ToString(),
            next.GetProperty("payload").GetProperty("data").GetProperty("memberJoined").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task completing_an_operation_and_reusing_its_id_leaves_no_subscription_behind()
    {
        var communityId = await CreateCommunityAs("rosa");
        await using var client = await Connect();
        await client.Initialise(PlatformApp.Token("rosa"));
        var query = new { id = "reused", type = "subscribe", payload = new { query = "{ communities(first: 50) { nodes { id name } } }" } };
        var subscribe = new { id = "reused", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = communityId } } };
        var complete = new { id = "reused", type = "complete" };

        // Cancel a running operation, start a subscription under the same id, and complete that too a moment later:
        // the cancelled operation winding down must not touch its successor, which the last complete must end.
        for (var round = 0; round < 20; round++)
        {
            await client.Send(query);
            await client.Send(complete);
            await client.Send(subscribe);
            await Task.Delay(50);
            await client.Send(complete);
            while (true)
            {
                // The first operation may have answered before it was cancelled; anything else is a failure.
                await client.Send(new { type = "ping" });
                var message = await client.Receive(TimeSpan.FromSeconds(10));
                if (TypeOf(message) == "pong") break;
                Assert.True(IdOf(message) == "reused" && TypeOf(message) is "next" or "complete", $"Unexpected {message}");
            }
        }
        await client.Send(new { id = "control", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = communityId } } });
        await AssertNextIsPong(client);
        await AssertNextIsPong(client);

        await Join("sven", communityId);

        var next = await ReceiveIgnoringCreator(client, "rosa");
        Assert.True(TypeOf(next) == "next" && IdOf(next) == "control", $"Only the control subscription should hear the join, got {next}");
        await AssertNextIsPong(client);
        await AssertNextIsPong(client);
    }

    [Theory]
    [InlineData(null, "UNAUTHENTICATED")]
    [InlineData("victor", "FORBIDDEN")]
    public async Task a_subscription_the_caller_may_not_make_is_refused_with_an_error_up_front(string? user, string code)
    {
        var communityId = await CreateCommunityAs("tessa");
        await using var client = await Connect();
        await client.Initialise(user is null ? null : PlatformApp.Token(user));

        await client.Send(new { id = "sneak", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = communityId } } });
        await Task.Delay(500);
        await client.Send(new { type = "ping" });

        var first = await client.Receive();
        Assert.True(TypeOf(first) == "error" && IdOf(first) == "sneak",
            $"Expected the subscribe to be refused with an error message, got {first} (the subscription was accepted)");
        Assert.Equal(code, first.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("pong", TypeOf(await client.Receive()));

        // Nothing about the community's joins reaches a refused subscriber.
        await Join("wendy", communityId);
        await Task.Delay(500);
        await AssertNextIsPong(client);
    }

    [Theory]
    [InlineData("subscription { notificationAdded { id } }")]
    [InlineData("subscription { memberJoined(communityId: \"not-a-guid\") { userId } }")]
    public async Task a_refused_subscription_says_why_with_a_message_and_a_code(string query)
    {
        await using var client = await Connect();
        await client.Initialise();

        await client.Send(new { id = "why", type = "subscribe", payload = new { query } });

        var error = await client.Receive();
        Assert.True(TypeOf(error) == "error" && IdOf(error) == "why", $"Expected an error message, got {error}");
        var first = error.GetProperty("payload")[0];
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("message").GetString()), $"No reason in {error}");
        Assert.Contains(first.GetProperty("extensions").GetProperty("code").GetString(), new[] { "UNAUTHENTICATED", "VALIDATION" });
    }

    [Fact]
    public async Task an_active_subscription_id_may_be_reused_after_complete()
    {
        var creator = $"reuse{Guid.NewGuid():N}"[..12];
        var communityId = await CreateCommunityAs(creator);
        await using var client = await Connect();
        await client.Initialise(PlatformApp.Token(creator));
        var subscribe = new { id = "re", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = communityId } } };

        await client.Send(subscribe);
        await AssertNextIsPong(client);
        await client.Send(new { id = "re", type = "complete" });
        await client.Send(subscribe);
        await AssertNextIsPong(client);
        var joiner = $"rejoin{Guid.NewGuid():N}"[..12];
        await Join(joiner, communityId);

        var next = await ReceiveIgnoringCreator(client, creator);
        Assert.Equal("re", next.GetProperty("id").GetString());
        Assert.Equal(PlatformApp.UserId(joiner).ToString(), next.GetProperty("payload").GetProperty("data").GetProperty("memberJoined").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task a_subscribe_after_the_token_expired_closes_the_socket_with_4403()
    {
        var token = Platform.Api.Identity.EmbeddedIssuer.LoadOrCreate(PlatformApp.KeyPath)
            .Issue($"brief{Guid.NewGuid():N}"[..12], ["member"], null, Platform.Api.Identity.EmbeddedIssuer.DefaultAudience, TimeSpan.FromMinutes(1), app.Clock);
        await using var client = await Connect();
        await client.Initialise(token);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        await client.Send(new { id = "late", type = "subscribe", payload = new { query = "{ me { id } }" } });

        Assert.Equal(4403, await client.ExpectClose());
    }

    [Fact]
    public async Task a_subscription_ends_with_complete_when_the_subscriber_leaves_the_community()
    {
        var creator = $"lvc{Guid.NewGuid():N}"[..12];
        var member = $"lvm{Guid.NewGuid():N}"[..12];
        var communityId = await CreateCommunityAs(creator);
        await Join(member, communityId);
        await using var client = await Connect();
        await client.Initialise(PlatformApp.Token(member));
        await client.Send(new { id = "mine", type = "subscribe", payload = new { query = MemberJoined, variables = new { id = communityId } } });
        await AssertNextIsPong(client);

        await app.Client(member).Data("mutation($c: ID!) { leaveCommunity(communityId: $c) { status } }", new { c = communityId });

        // Under load the member's own join, committed before subscribing, can still be on its way (NOTIFY is asynchronous): allow it, nothing else.
        var message = await client.Receive();
        while (TypeOf(message) == "next")
        {
            Assert.Equal(PlatformApp.UserId(member).ToString(), message.GetProperty("payload").GetProperty("data").GetProperty("memberJoined").GetProperty("userId").GetString());
            message = await client.Receive();
        }
        Assert.Equal(("complete", "mine"), (TypeOf(message), message.GetProperty("id").GetString()));
    }
}
