using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record UpdateModuleInput(string Title);

public sealed class UpdateModuleInputGraphType : InputObjectGraphType<UpdateModuleInput>
{
    public UpdateModuleInputGraphType()
    {
        Name = "UpdateModuleInput";
        Field<NonNullGraphType<StringGraphType>>("title");
    }
}
