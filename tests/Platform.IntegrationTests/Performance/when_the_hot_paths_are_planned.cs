using System.Collections.Concurrent;
using System.Text.Json;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.IntegrationTests.Courses;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Performance;

/// <summary>The app, with every statement its Marten sessions run recorded (text and parameters) so a test can EXPLAIN them.</summary>
public sealed class StatementRecordingApp : PlatformApp
{
    public StatementRecorder Statements { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureMarten(options => options.Logger(Statements));
}

public sealed class StatementRecorder : IMartenLogger, IMartenSessionLogger
{
    private readonly ConcurrentQueue<NpgsqlCommand> recorded = new();

    public bool Recording { get; set; }

    /// <summary>The statements recorded since the last call, each a copy that can run again on another connection.</summary>
    public IReadOnlyList<NpgsqlCommand> Take()
    {
        var taken = new List<NpgsqlCommand>();
        while (recorded.TryDequeue(out var command)) taken.Add(command);
        return taken;
    }

    public IMartenSessionLogger StartSession(IQuerySession session) => this;
    public void SchemaChange(string sql) { }
    public void LogSuccess(NpgsqlCommand command) => Record(command);
    public void LogSuccess(NpgsqlBatch batch) { foreach (NpgsqlBatchCommand command in batch.BatchCommands) Record(command.CommandText, command.Parameters); }
    public void LogFailure(NpgsqlCommand command, Exception ex) { }
    public void LogFailure(NpgsqlBatch batch, Exception ex) { }
    public void LogFailure(Exception ex, string message) { }
    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    public void OnBeforeExecute(NpgsqlCommand command) { }
    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Record(NpgsqlCommand command) => Record(command.CommandText, command.Parameters);

    private void Record(string text, NpgsqlParameterCollection parameters)
    {
        if (!Recording || !text.TrimStart().StartsWith("select", StringComparison.OrdinalIgnoreCase)) return;
        var copy = new NpgsqlCommand(text);
        foreach (NpgsqlParameter parameter in parameters) copy.Parameters.Add(parameter.Clone());
        recorded.Enqueue(copy);
    }
}

/// <summary>
/// Every read the hot paths run (a feed page, a course page, joining, completing a lesson, the members list, a post) is
/// EXPLAINed with sequential scans switched off: the planner then takes a sequential scan only when no index can serve the
/// statement, so the check holds on a small test database as it would on a big one.
/// </summary>
public sealed class when_the_hot_paths_are_planned(StatementRecordingApp app) : IClassFixture<StatementRecordingApp>
{

    [Fact]
    public async Task no_hot_read_scans_a_whole_table()
    {
        var classroom = new Classroom(app);
        var built = await classroom.Course(["Mortise", "Tenon"]);
        var learner = await classroom.Learner(built);
        var creator = app.Client(built.Creator);
        await creator.Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Glue\", body: \"Which glue?\" }) { id } }", new { c = built.Community });
        // Signing up is once per user, not a hot path (its free-handle probe, `Handle LIKE 'x%'`, does scan the accounts).
        var joiner = app.Client(Unique("joiner"));
        await joiner.Data("{ me { id } }");
        await app.WaitForProjections();

        app.Statements.Recording = true;
        app.Statements.Take();
        await learner.Data("query($id: ID!) { feed(type: COMMUNITY, ownerId: $id, first: 20) { nodes { id verb actor { displayName } post { id title author { displayName } reactions { kind count } images { id } } } } }",
            new { id = built.Community });
        await learner.Data("query($id: ID!) { course(id: $id) { id title modules { id lessons { id locked lockReason completed } } viewerEnrolment { progressPercent } } }",
            new { id = built.Course });
        await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { completedLessons } }", new { l = built.Lessons[0] });
        await joiner.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = built.Community });
        await learner.Data("query($id: ID!) { members(communityId: $id, first: 20) { nodes { userId } } }", new { id = built.Community });
        await app.WaitForProjections();
        app.Statements.Recording = false;
        var statements = app.Statements.Take();
        Assert.NotEmpty(statements);

        var scans = new List<string>();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        foreach (var statement in statements.DistinctBy(s => s.CommandText))
        {
            statement.CommandText = "explain (format json) " + statement.CommandText;
            statement.Connection = connection;
            var plan = JsonDocument.Parse((string)(await statement.ExecuteScalarAsync())!);
            foreach (var scan in Nodes(plan.RootElement[0].GetProperty("Plan")).Where(n => n.Type == "Seq Scan"))
                scans.Add($"{scan.Relation}: {statement.CommandText["explain (format json) ".Length..]}");
        }
        Assert.True(scans.Count == 0, "Sequential scans on hot paths:\n" + string.Join("\n", scans));
    }

    [Fact]
    public async Task a_page_reads_each_kind_of_document_once()
    {
        var classroom = new Classroom(app);
        var built = await classroom.Course(["Dovetail", "Rebate", "Housing"]);
        var learner = await classroom.Learner(built);
        var creator = app.Client(built.Creator);
        for (var n = 0; n < 3; n++)
            await creator.Data("mutation($c: ID!, $t: String!) { createPost(input: { communityId: $c, title: $t, body: \"Which plane?\" }) { id } }",
                new { c = built.Community, t = $"Plane {n}" });
        await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { completedLessons } }", new { l = built.Lessons[0] });
        await app.WaitForProjections();

        // Items, their posts, authors and reactions come one query each whatever the page holds (no N+1), and the course page's
        // outline and enrolment are read once though several fields show them.
        Assert.Empty(await RepeatedReads(() => learner.Data(
            "query($id: ID!) { feed(type: COMMUNITY, ownerId: $id, first: 20) { nodes { id verb actor { displayName } post { id title author { displayName } reactions { kind count } } } } }",
            new { id = built.Community })));
        Assert.Empty(await RepeatedReads(() => learner.Data(
            "query($id: ID!) { course(id: $id) { id title modules { id lessons { id locked lockReason completed } } viewerEnrolment { progressPercent completedLessons } } }",
            new { id = built.Course })));
    }

    [Fact]
    public async Task standings_are_summed_from_the_standing_lines_index_alone()
    {
        var classroom = new Classroom(app);
        var built = await classroom.Course(["Scarf joint"]);
        var learner = await classroom.Learner(built);
        var post = (await app.Client(built.Creator).Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Scarf\", body: \"Which angle?\" }) { id } }",
            new { c = built.Community })).GetProperty("createPost").GetProperty("id").GetString();
        await learner.Data("mutation($p: ID!) { react(targetId: $p, kind: LIKE) { id } }", new { p = post });
        await app.WaitForProjections();

        app.Statements.Recording = true;
        app.Statements.Take();
        await learner.Data("query($c: ID!) { leaderboard(communityId: $c, window: DAYS_7) { entries { userId points } } }", new { c = built.Community });
        app.Statements.Recording = false;
        var sum = app.Statements.Take().First(s => s.CommandText.Contains("sum(points)", StringComparison.Ordinal));

        // As autovacuum leaves a settled ledger (its pages all-visible, so the planner can count on reading the index alone), and
        // planned as for a big one (no sequential scan of this small table).
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var vacuum = new NpgsqlCommand("vacuum analyze platform.mt_doc_pointentry", connection)) await vacuum.ExecuteNonQueryAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        sum.CommandText = "explain (format json) " + sum.CommandText;
        sum.Connection = connection;
        var plan = JsonDocument.Parse((string)(await sum.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");
        Assert.True(Nodes(plan).Any(n => n is { Type: "Index Only Scan", Index: "mt_doc_pointentry_idx_standing" }), $"The standings sum's plan: {plan}");
    }

    /// <summary>The document reads that one request ran more than once (the daemon's own statements, on the event tables, aside).</summary>
    private async Task<List<string>> RepeatedReads(Func<Task> request)
    {
        app.Statements.Recording = true;
        app.Statements.Take();
        await request();
        app.Statements.Recording = false;
        return app.Statements.Take().Select(s => s.CommandText).Where(text => text.Contains("mt_doc_", StringComparison.Ordinal))
            .GroupBy(text => text).Where(g => g.Count() > 1).Select(g => $"{g.Count()}× {g.Key}").ToList();
    }

    /// <summary>Every node of an EXPLAIN (format json) plan: its type, and the table and index it reads where it names them.</summary>
    private static IEnumerable<(string Type, string? Relation, string? Index)> Nodes(JsonElement node)
    {
        yield return (node.GetProperty("Node Type").GetString()!, Named(node, "Relation Name"), Named(node, "Index Name"));
        if (!node.TryGetProperty("Plans", out var children)) yield break;
        foreach (var child in children.EnumerateArray())
            foreach (var descendant in Nodes(child)) yield return descendant;
    }

    private static string? Named(JsonElement node, string property) => node.TryGetProperty(property, out var name) ? name.GetString() : null;
}
