using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.GraphQL;

/// <summary>Every id is a GUID: anything else is a VALIDATION error naming the argument, not a null or NOT_FOUND.</summary>
public sealed class when_an_id_is_malformed(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Theory]
    [InlineData("{ course(id: \"not-a-guid\") { id } }", "id")]
    [InlineData("{ members(communityId: \"42\") { nodes { userId } } }", "communityId")]
    // Inside an input object too: finance naming a creator, a buyer naming a product.
    [InlineData("{ earnings(input: { creatorId: \"abc\" }) { net { amount } } }", "creatorId")]
    [InlineData("mutation { startCheckout(input: { productId: \"not-a-guid\" }) { checkoutId } }", "productId")]
    public async Task the_query_answers_validation_naming_the_argument(string query, string argument)
    {
        var response = await app.Client("ivy-finance", "member", "finance").Send(query);

        Assert.Equal("VALIDATION", response.FirstErrorCode);
        Assert.Contains($"'{argument}'", response.Errors!.Value[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task a_well_formed_unknown_id_is_still_just_not_there()
    {
        var data = await app.Client("ivan").Data($"{{ course(id: \"{Guid.NewGuid()}\") {{ id }} }}");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("course").ValueKind);
    }
}
