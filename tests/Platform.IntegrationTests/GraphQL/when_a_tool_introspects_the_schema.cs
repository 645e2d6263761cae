using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.GraphQL;

/// <summary>What GraphiQL, Apollo, urql devtools and graphql-codegen send on start-up, against the default limits.</summary>
public sealed class when_a_tool_introspects_the_schema(PlatformApp app) : IClassFixture<PlatformApp>
{
    // graphql-js 16 getIntrospectionQuery({ descriptions, directiveIsRepeatable, schemaDescription }): 15 levels deep. GraphQL.NET
    // has no includeDeprecated argument on __Directive.args, so inputValueDeprecation is the one full option it cannot answer.
    private static readonly string StandardQuery = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GraphQL", "standard-introspection.graphql"));

    [Fact]
    public async Task the_standard_introspection_query_passes_the_limits()
    {
        var data = await app.Client().Data(StandardQuery);

        var types = data.GetProperty("__schema").GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("Query", types);
        Assert.Contains("Mutation", types);
    }

    [Fact]
    public async Task an_introspection_query_that_expands_types_inside_types_is_still_refused()
    {
        var response = await app.Client().Send("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }");

        Assert.NotNull(response.FirstErrorCode);
        Assert.False(response.Body.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object);
    }

    [Fact]
    public async Task an_introspection_query_deeper_than_twenty_levels_is_refused()
    {
        var deep = "{ __type(name: \"Query\") { " + string.Concat(Enumerable.Repeat("ofType { ", 20)) + "name" + new string('}', 20) + " } }";

        var response = await app.Client().Send(deep);

        Assert.NotNull(response.FirstErrorCode);
    }

    [Fact]
    public async Task a_query_mixing_introspection_and_data_keeps_the_ordinary_depth_limit()
    {
        var deep = "{ __typename communities { nodes { " + string.Concat(Enumerable.Repeat("parent { ", 12)) + "id" + new string('}', 12) + " } } }";

        var response = await app.Client().Send(deep);

        Assert.NotNull(response.FirstErrorCode);
    }
}
