using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.GraphQL;

public sealed class ProductionPlatformApp : PlatformApp
{
    protected override string Environment => "Production";

    /// <summary>The development providers, allowed by name as a demo would (ProductionSafety refuses them otherwise).</summary>
    public static readonly IReadOnlyDictionary<string, string?> DemoAllowances = new Dictionary<string, string?>
    {
        ["Unsafe:AllowLocalPayments"] = "true",
        ["Unsafe:AllowEmbeddedTokenIssuer"] = "true",
        ["Unsafe:AllowLocalVideo"] = "true",
        ["Unsafe:AllowLocalFiles"] = "true",
    };

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(DemoAllowances);
}

/// <summary>The protections that are on by default, as a client in Production meets them.</summary>
public sealed class when_running_in_production(ProductionPlatformApp app) : IClassFixture<ProductionPlatformApp>
{
    [Fact]
    public async Task introspection_is_refused()
    {
        var response = await app.Client().Send("{ __schema { types { name } } }");

        Assert.NotNull(response.FirstErrorCode);
        Assert.False(response.Body.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object);
    }

    [Fact]
    public async Task a_misspelt_field_gets_no_suggestion_of_what_the_schema_holds()
    {
        var response = await app.Client().Send("{ communitie { nodes { id } } }");

        var message = response.Errors!.Value[0].GetProperty("message").GetString()!;
        Assert.NotNull(response.FirstErrorCode);
        Assert.DoesNotContain("Did you mean", message);
        Assert.DoesNotContain("'communities'", message);
    }

    [Theory]
    [InlineData(12)]  // past the depth limit: refused by validation
    [InlineData(300)] // past the parser's own nesting limit: still a request error, not a 500
    public async Task a_query_nested_too_deep_is_refused_before_it_runs(int depth)
    {
        var deep = "{ communities { nodes { " + string.Concat(Enumerable.Repeat("parent { ", depth)) + "id" + new string('}', depth) + " } } }";

        var response = await app.Client().Send(deep);

        Assert.Equal(400, response.Status);
        Assert.NotNull(response.FirstErrorCode);
    }

    [Fact]
    public async Task errors_carry_a_code_and_no_exception_details()
    {
        var response = await app.Client("prod-user").Send("mutation { joinCommunity(communityId: \"not-a-guid\") { id } }");

        Assert.Equal("VALIDATION", response.FirstErrorCode); // a malformed id, named as such
        Assert.DoesNotContain("StackTrace", response.Body.ToString());
        Assert.DoesNotContain("Exception", response.Body.ToString());
    }

    [Fact]
    public async Task a_real_page_fits_the_complexity_limit_and_list_fan_out_does_not()
    {
        var classroom = await app.Client("prod-reader").Send(
            "{ community(slug: \"any\") { name children { name } courses { title viewerEnrolment { progressPercent } modules { title lessons { title locked lockReason completed video { status playbackUrl } } } } } " +
            "communities(first: 20) { edges { cursor node { name memberCount } } pageInfo { hasNextPage endCursor } } }");
        var fanOut = await app.Client("prod-reader").Send(
            "{ communities(first: 100) { nodes { children { children { children { courses { modules { lessons { id } } } } } } } } }");

        Assert.Null(classroom.Errors);
        Assert.Equal("COMPLEXITY", fanOut.FirstErrorCode);
    }
}
