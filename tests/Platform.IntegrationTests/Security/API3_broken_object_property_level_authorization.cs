using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>OWASP API3:2023. Inputs accept only the properties a caller may set (no mass assignment), and values PostgreSQL cannot hold are a validation error.</summary>
public sealed class API3_broken_object_property_level_authorization(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task a_property_the_server_owns_cannot_be_set_through_an_input()
    {
        var response = await app.Client(Shops.NewUser("mass")).Send(
            "mutation { createCommunity(input: { name: \"Mine\", slug: \"mass-assign\", joinPolicy: OPEN, memberCount: 100000 }) { id } }");

        Assert.NotNull(response.FirstErrorCode);
        Assert.False(response.Body.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object);
    }

    [Fact]
    public async Task roles_cannot_be_given_to_oneself_through_the_profile()
    {
        var response = await app.Client(Shops.NewUser("roles")).Send("mutation { updateProfile(input: { displayName: \"x\", roles: [ADMIN] }) { id } }");

        Assert.NotNull(response.FirstErrorCode);
    }

    [Theory]
    [InlineData("variables")]
    [InlineData("literal")]
    public async Task a_nul_character_in_a_name_is_a_validation_error_and_writes_nothing(string where)
    {
        var slug = $"nul-{Guid.NewGuid():N}"[..20];
        var client = app.Client(Shops.NewUser("nul"));

        var response = where == "variables"
            ? await client.Send("mutation($n: String!, $s: String!) { createCommunity(input: { name: $n, slug: $s, joinPolicy: OPEN }) { id } }", new { n = "bad\u0000name", s = slug })
            : await client.Send($"mutation {{ createCommunity(input: {{ name: \"bad\\u0000name\", slug: \"{slug}\", joinPolicy: OPEN }}) {{ id }} }}");

        Assert.Equal("VALIDATION", response.FirstErrorCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await client.Data($"{{ community(slug: \"{slug}\") {{ id }} }}")).GetProperty("community").ValueKind);
    }
}
