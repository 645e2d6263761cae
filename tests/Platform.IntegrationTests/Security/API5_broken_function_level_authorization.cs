using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>OWASP API5:2023. Admin and finance functions refuse members, whatever they send (the access matrix covers every operation; these are the ones an attacker tries first).</summary>
public sealed class API5_broken_function_level_authorization(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Theory]
    [InlineData("{ users { nodes { id } } }")]
    [InlineData("{ ledger { nodes { __typename } } }")]
    [InlineData("{ earnings { __typename } }")]
    [InlineData("mutation { grantRole(userId: \"00000000-0000-0000-0000-000000000001\", role: ADMIN, reason: \"because\") { id } }")]
    public async Task a_member_is_forbidden_from_admin_and_finance_functions(string document)
    {
        var response = await app.Client(Shops.NewUser("member")).Send(document);

        Assert.Equal("FORBIDDEN", response.FirstErrorCode);
    }
}
