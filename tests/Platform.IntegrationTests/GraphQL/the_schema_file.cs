using Microsoft.Extensions.DependencyInjection;
using Platform.Api.GraphQL.Schema;
using Platform.Api.GraphQL.SchemaFile;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.GraphQL;

/// <summary>schema.graphql is the running schema; breaking changes to it are recorded in docs/schema-changes.md.</summary>
public sealed class the_schema_file(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static string Committed(string path) => File.ReadAllText(Path.Combine(TestCluster.RepositoryRoot, path));

    [Fact]
    public void is_the_running_schema()
    {
        var running = SchemaContract.Print(app.Host.Services.GetRequiredService<PlatformSchema>());
        var committed = Committed(SchemaContract.FileName);

        var unrecorded = SchemaContract.Unrecorded(SchemaContract.BreakingChanges(committed, running), Committed(SchemaContract.ChangeLog));
        Assert.True(unrecorded.Count == 0,
            $"Breaking changes without an entry in {SchemaContract.ChangeLog}:\n  {string.Join("\n  ", unrecorded)}\nRecord each (e.g. `Query.course`), then run ./platform schema.");
        Assert.True(committed == running, "schema.graphql is stale: run ./platform schema and commit it.");
    }

    [Theory]
    [InlineData("type Query { a: Int b(x: Int): Int }", "type Query { a: Int }", "Query.b removed")]
    [InlineData("type Query { a: Int b(x: Int): Int }", "type Query { a: Int b: Int }", "Query.b(x:) removed")]
    [InlineData("type Query { a: Int }", "type Query { a: String }", "Query.a changed from Int to String")]
    [InlineData("type Query { a(x: Int): Int }", "type Query { a(x: Int, y: Int!): Int }", "Query.a(y:) added as required")]
    [InlineData("type Query { a: E } enum E { X Y }", "type Query { a: E } enum E { X }", "E.Y removed")]
    [InlineData("type Query { a: Int } input I { x: Int }", "type Query { a: Int } input I { x: Int y: Int! }", "I.y added as required")]
    [InlineData("type Query { a: Int } type T { x: Int }", "type Query { a: Int }", "T removed")]
    public void a_breaking_change_is_named_by_its_coordinate(string before, string after, string expected)
    {
        Assert.Equal([expected], SchemaContract.BreakingChanges(before, after));
    }

    [Fact]
    public void additions_are_not_breaking()
    {
        Assert.Empty(SchemaContract.BreakingChanges(
            "type Query { a(x: Int): Int } enum E { X }",
            "type Query { a(x: Int, y: Int, z: Int! = 1): Int b: Int c(id: ID!): Int } enum E { X Y } type T { t: Int }"));
    }

    [Fact]
    public void a_recorded_change_is_no_longer_flagged()
    {
        var changes = SchemaContract.BreakingChanges("type Query { a: Int b: Int c: Int }", "type Query { a: Int }");

        Assert.Equal(["Query.c removed"], SchemaContract.Unrecorded(changes, "## 2026-12-03\n- `Query.b` removed: nobody used it"));
    }
}
