using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;

namespace Platform.Api.GraphQL;

/// <summary>Errors as clients see them: exception details never; outside Development, no "Did you mean …" hints about the schema.</summary>
public sealed partial class PlatformErrorInfoProvider(bool suggestions) : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = false })
{
    [GeneratedRegex(@"\s*Did you mean .*$", RegexOptions.Singleline)]
    private static partial Regex Suggestion();

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (!suggestions) info.Message = Suggestion().Replace(info.Message, "");
        return info;
    }
}
