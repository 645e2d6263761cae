using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record AddModuleInput(string Title);

public sealed class AddModuleInputGraphType : InputObjectGraphType<AddModuleInput>
{
    public AddModuleInputGraphType()
    {
        Name = "AddModuleInput";
        Field<NonNullGraphType<StringGraphType>>("title");
    }
}
