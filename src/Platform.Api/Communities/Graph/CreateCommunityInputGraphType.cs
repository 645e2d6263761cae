using GraphQL.Types;
using Platform.Contracts.Communities;

namespace Platform.Api.Communities.Graph;

public sealed record CreateCommunityInput(string Name, string Slug, string? Description, CommunityVisibility? Visibility, JoinPolicy? JoinPolicy);

public sealed class CreateCommunityInputGraphType : InputObjectGraphType<CreateCommunityInput>
{
    public CreateCommunityInputGraphType()
    {
        Name = "CreateCommunityInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("slug");
        Field<StringGraphType>("description");
        Field<EnumerationGraphType<CommunityVisibility>>("visibility").DefaultValue(CommunityVisibility.Public);
        Field<EnumerationGraphType<JoinPolicy>>("joinPolicy").DefaultValue(JoinPolicy.Open);
    }
}
