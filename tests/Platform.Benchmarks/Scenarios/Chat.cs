namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Scenario 8: chat. Sending messages into one community channel at 16 clients (closed loop, every message contending
/// for the same conversation), then the newest page of that channel grown to 100,000 messages beside a 10-message
/// direct conversation, at the query rate (open loop): the page must cost the same in both.
/// </summary>
public static class Chat
{
    public const int LongConversation = 100_000;

    private const string Page = "query($c: ID!) { conversation(id: $c) { messages(first: 20) { nodes { id body sentAt sender { displayName } } } } }";

    public static async Task<ScenarioResult> Run(GraphQLApi graphql, ApiProcess api, Cluster cluster, Profile profile, World world, HashSet<string> fields)
    {
        var result = new ScenarioResult(8, $"Chat: sending at {Profile.Clients} clients, and the newest page of a long conversation");
        if (!fields.Contains("mutation.sendMessage") || !fields.Contains("query.conversation"))
        {
            result.Rows.Add(new Row("chat", new() { ["per s"] = "not available in this build" }));
            return result;
        }

        Console.Error.WriteLine("  sendMessage...");
        var channel = (await graphql.Send(world.Users[0], "mutation($c: ID!) { sendMessage(input: { communityId: $c, body: \"Hello, class\" }) { conversationId } }",
            new { c = world.Classroom })).GetProperty("sendMessage").GetProperty("conversationId").GetGuid();
        var (phase, load) = await Phase.ClosedLoop(api, cluster, profile, async (client, n) =>
        {
            await graphql.Send(world.Users[client], "mutation($c: ID!, $b: String!) { sendMessage(input: { conversationId: $c, body: $b }) { id } }",
                new { c = channel, b = $"Message {n} from client {client}: a line or two, as people write in a class channel." });
            return true;
        });
        var send = new Row($"sendMessage into one channel, {Profile.Clients} clients", new()
        {
            ["per s"] = load.PerSecond,
            ["p50 ms"] = load.Latency.Percentile(50),
            ["p99 ms"] = load.Latency.Percentile(99),
            ["ops"] = load.Operations,
            ["errors"] = load.Errors,
        });
        result.TopStatements.AddRange((await phase.End(send, load.Sent)).Select(s => s with { Case = $"sendMessage: {s.Case}" }));
        result.Rows.Add(send);
        if (load.FirstError is { } sendError) result.Notes.Add($"sendMessage, first error: {sendError}");

        // Grow the channel to 100,000 messages as the projection stores them (older than those just sent), and make a short one.
        var sent = (long)(await cluster.Scalar($"select count(*) from platform.mt_doc_chatmessage where conversation_id = '{channel}'"))!;
        await cluster.Execute($"""
            insert into platform.mt_doc_chatmessage (id, data, mt_dotnet_type, conversation_id, sent_at)
            select g.id, jsonb_build_object('Id', g.id, 'ConversationId', '{channel}'::uuid, 'SenderId', '{Guid.Empty}'::uuid, 'Body', 'Older message ' || n, 'SentAt', g.at),
                   'Platform.Projections.Chat.ChatMessage', '{channel}'::uuid, g.at
            from generate_series(1, {Math.Max(0, LongConversation - sent)}) n,
                 lateral (select gen_random_uuid() as id, now() - interval '2 days' + n * interval '1 ms' as at) g;
            analyze platform.mt_doc_chatmessage;
            """);
        var (first, second) = (world.Users[0], world.Users[1]);
        var secondId = (await graphql.Send(second, "{ me { id } }")).GetProperty("me").GetProperty("id").GetGuid();
        var direct = (await graphql.Send(first, "mutation($u: ID!) { sendMessage(input: { toUserId: $u, body: \"0\" }) { conversationId } }", new { u = secondId }))
            .GetProperty("sendMessage").GetProperty("conversationId").GetGuid();
        for (var i = 1; i < 10; i++)
            await graphql.Send(first, "mutation($c: ID!, $b: String!) { sendMessage(input: { conversationId: $c, body: $b }) { id } }", new { c = direct, b = $"{i}" });

        foreach (var (name, conversation) in new[] { ($"newest page (20) of a {LongConversation:N0}-message channel", channel), ("newest page (20) of a 10-message conversation", direct) })
        {
            Console.Error.WriteLine($"  {name}...");
            var (reading, reads) = await Phase.OpenLoop(api, cluster, profile, profile.QueryRate, () => graphql.Send(first, Page, new { c = conversation }));
            var row = new Row(name, new()
            {
                ["per s"] = reads.PerSecond,
                ["p50 ms"] = reads.Latency.Percentile(50),
                ["p99 ms"] = reads.Latency.Percentile(99),
                ["max ms"] = reads.Latency.Percentile(100),
                ["requests"] = reads.Operations,
                ["errors"] = reads.Errors,
            });
            result.TopStatements.AddRange((await reading.End(row, reads.Sent)).Select(s => s with { Case = $"{name}: {s.Case}" }));
            result.Rows.Add(row);
            if (reads.FirstError is { } readError) result.Notes.Add($"{name}, first error: {readError}");
        }
        result.Notes.Add($"sendMessage: each of the {Profile.Clients} clients (members of the classroom) sends into its channel, so every send updates the same " +
                         "conversation document; each message is a stream of its own.");
        result.Notes.Add($"The channel is grown to {LongConversation:N0} messages with documents written by SQL, as the inline projection writes them; the page " +
                         "reads the (conversation, time, id) index newest first, so both reads should cost about the same.");
        return result;
    }
}
