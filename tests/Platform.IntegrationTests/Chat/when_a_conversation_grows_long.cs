using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Chat;
using Platform.IntegrationTests.Support;
using Platform.Projections.Chat;

namespace Platform.IntegrationTests.Chat;

/// <summary>The newest page of a 100,000-message conversation costs what it costs in a 10-message one: the same index range.</summary>
public sealed class when_a_conversation_grows_long(PlatformApp app) : IClassFixture<PlatformApp>
{
    /// <summary>EXPLAIN ANALYZE of the newest page's own SQL: the plan's nodes and the buffers it touched.</summary>
    private async Task<(List<string> Nodes, long Buffers, string Plan)> Explain(IDocumentStore store, string conversationId)
    {
        await using var session = store.QuerySession();
        var json = (await session.AdvancedSql.QueryAsync<string>("explain (analyze, buffers, format json) " + ChatReads.PageSql(session),
            CancellationToken.None, Guid.Parse(conversationId), DateTimeOffset.MaxValue.ToUniversalTime(), Guid.Empty, 21))[0];
        var plan = JsonDocument.Parse(json).RootElement[0].GetProperty("Plan");
        var nodes = new List<string>();
        void Walk(JsonElement node)
        {
            nodes.Add($"{node.GetProperty("Node Type").GetString()}{(node.TryGetProperty("Index Name", out var index) ? $" using {index.GetString()}" : "")}");
            if (node.TryGetProperty("Plans", out var children)) foreach (var child in children.EnumerateArray()) Walk(child);
        }
        Walk(plan);
        return (nodes, plan.GetProperty("Shared Hit Blocks").GetInt64() + plan.GetProperty("Shared Read Blocks").GetInt64(), json);
    }

    [Fact]
    public async Task the_newest_page_reads_the_same_index_range_in_a_long_and_a_short_conversation()
    {
        var chat = new ChatScenario(app);
        var (ann, bob, cid) = (ChatScenario.User("ann"), ChatScenario.User("bob"), ChatScenario.User("cid"));
        await chat.CommunityWith(ChatScenario.User("owner"), ann, bob, cid);
        var shortOne = (await chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "0" })).GetProperty("conversationId").GetString()!;
        for (var i = 1; i < 10; i++) await chat.Send(ann, new { conversationId = shortOne, body = $"{i}" });
        var longOne = (await chat.Send(ann, new { toUserId = ChatScenario.Id(cid), body = "start" })).GetProperty("conversationId").GetString()!;

        // 100,000 more messages as the projection would store them (written as documents: appending them one by one
        // through the API would take minutes and measure the write path, not this read).
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        var table = store.Options.FindOrResolveDocumentType(typeof(ChatMessage)).TableName.QualifiedName;
        await using (var session = store.LightweightSession())
        {
            session.QueueSqlCommand($"""
                insert into {table} (id, data, mt_dotnet_type, conversation_id, sent_at)
                select g.id, jsonb_build_object('Id', g.id, 'ConversationId', ?::uuid, 'SenderId', ?::uuid, 'Body', 'm' || n, 'SentAt', g.at),
                       '{typeof(ChatMessage).FullName}', ?::uuid, g.at
                from generate_series(1, 100000) n,
                     lateral (select gen_random_uuid() as id, now() - interval '1 day' + n * interval '1 ms' as at) g
                """, longOne, ChatScenario.Id(cid), longOne);
            session.QueueSqlCommand($"analyze {table}");
            await session.SaveChangesAsync();
        }
        // The document written through the API is the newest: it heads the page.
        Assert.Equal("start", (await chat.Conversation(cid, longOne, 1)).GetProperty("messages").GetProperty("edges")[0].GetProperty("node").GetProperty("body").GetString());

        var (longNodes, longBuffers, longPlan) = await Explain(store, longOne);
        var (shortNodes, shortBuffers, _) = await Explain(store, shortOne);

        // The long conversation is read newest first straight off the (conversation, time, id) index: no sort, no other rows.
        Assert.True(longNodes.SequenceEqual(["Limit", $"Index Scan using {ChatProjections.ChatMessageIndex}"]), longPlan);
        // The short one may be read through either conversation index (sorting ten rows is as cheap); both touch a handful of blocks.
        Assert.Contains(shortNodes, n => n.StartsWith("Index Scan using mt_doc_chatmessage_idx_conversation"));
        // Index descent plus one page of rows: a handful of blocks either way, nowhere near the table's thousands.
        Assert.True(longBuffers <= shortBuffers + 4 && longBuffers < 40, $"long {longBuffers} blocks, short {shortBuffers}: {longPlan}");
    }
}
