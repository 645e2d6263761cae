using GraphQL.Types;
using JasperFx.CommandLine;
using Platform.Api.GraphQL.Schema;

namespace Platform.Api.GraphQL.SchemaFile;

public sealed class SchemaInput : NetCoreInput
{
    [Description("The repository root, where schema.graphql and docs/schema-changes.md are")]
    public string RootFlag { get; set; } = ".";
}

/// <summary>
/// <c>schema</c> (<c>./platform schema</c>): writes the running schema to <c>schema.graphql</c>, unless it breaks the
/// previous one in a way <c>docs/schema-changes.md</c> does not record.
/// </summary>
[Description("Writes schema.graphql from the running schema; refuses breaking changes that docs/schema-changes.md does not record", Name = "schema")]
public sealed class SchemaCommand : JasperFxAsyncCommand<SchemaInput>
{
    public override async Task<bool> Execute(SchemaInput input)
    {
        using var host = input.BuildHost();
        var printed = SchemaContract.Print(host.Services.GetRequiredService<PlatformSchema>());
        var file = Path.Combine(input.RootFlag, SchemaContract.FileName);
        var log = Path.Combine(input.RootFlag, SchemaContract.ChangeLog);
        var previous = File.Exists(file) ? await File.ReadAllTextAsync(file) : null;
        var unrecorded = previous is null ? []
            : SchemaContract.Unrecorded(SchemaContract.BreakingChanges(previous, printed), File.Exists(log) ? await File.ReadAllTextAsync(log) : "");
        if (unrecorded.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Not written: these breaking changes need an entry in {SchemaContract.ChangeLog} naming them (in backticks):");
            foreach (var change in unrecorded) await Console.Error.WriteLineAsync($"  {change}");
            return false;
        }
        await File.WriteAllTextAsync(file, printed);
        await Console.Error.WriteLineAsync(previous == printed ? $"{file} is up to date." : $"Wrote {file}.");
        return true;
    }
}
