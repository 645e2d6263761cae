using System.Text.RegularExpressions;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// The run documents (runs/run-001) stay true to the code: the operations the pages name are the schema's root fields,
/// each page's status follows from SCOPE.md and the schema, and FEATURES.md is SCOPE.md with the tests that prove each
/// feature. The conventions parsed here are written at the top of pages/PAGES-INDEX.md.
/// </summary>
public sealed partial class the_run_documents(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static readonly string Run = Path.Combine(TestCluster.RepositoryRoot, "runs", "run-001");

    private sealed record Page(string Code, string Status, IReadOnlyList<string> Operations);

    private sealed record Feature(string Page, string Name, string Status, IReadOnlyList<string> Tests);

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^- `(\w+)`")]
    private static partial Regex OperationBullet();

    [GeneratedRegex(@"^## ([A-Z]{3,6}) ")]
    private static partial Regex PageHeading();

    /// <summary>A markdown table row's cells; <c>\|</c> inside a cell is text, not a border.</summary>
    private static string[] Cells(string row) =>
        Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray();

    /// <summary>The index rows: <c>| code | name | priority | roles | operations | status |</c>.</summary>
    private static IReadOnlyList<Page> Index() =>
        File.ReadAllLines(Path.Combine(Run, "pages", "PAGES-INDEX.md"))
            .Where(l => Regex.IsMatch(l, @"^\| [A-Z]{3,6} \|"))
            .Select(Cells)
            .Select(c => new Page(c[0], c[5], Backticked().Matches(c[4]).Select(m => m.Groups[1].Value).ToList()))
            .ToList();

    /// <summary>A page file's operations: the bullets of its <c>## Operations</c> section that start with a name in
    /// backticks; a bullet ending in "(not built)" names an operation the schema does not have yet.</summary>
    private static IReadOnlyList<(string Name, bool NotBuilt)> PageFileOperations(string code) =>
        File.ReadAllLines(Path.Combine(Run, "pages", $"{code}.md"))
            .SkipWhile(l => l.Trim() != "## Operations").Skip(1)
            .TakeWhile(l => !l.StartsWith("## "))
            .Select(l => (Bullet: OperationBullet().Match(l), NotBuilt: l.TrimEnd().EndsWith("(not built)")))
            .Where(x => x.Bullet.Success).Select(x => (x.Bullet.Groups[1].Value, x.NotBuilt))
            .ToList();

    /// <summary>The rows of a feature document (SCOPE.md, FEATURES.md): tables under <c>## CODE — name</c> headings,
    /// the feature first, its status second, and (FEATURES.md) the tests that prove it last.</summary>
    private static IReadOnlyList<Feature> Features(string document)
    {
        var features = new List<Feature>();
        string? page = null;
        foreach (var line in File.ReadAllLines(Path.Combine(Run, document)))
        {
            if (PageHeading().Match(line) is { Success: true } heading) page = heading.Groups[1].Value;
            else if (line.StartsWith("## ")) page = null;
            else if (page is not null && line.StartsWith('|') && !line.StartsWith("|---") && !line.StartsWith("| feature |"))
            {
                var cells = Cells(line);
                features.Add(new Feature(page, cells[0], cells[1], Backticked().Matches(cells[^1]).Select(m => m.Groups[1].Value).ToList()));
            }
        }
        return features;
    }

    private HashSet<string> RootFields() => the_access_matrix.Operations(app).Select(o => o.Field.Name).ToHashSet();

    [Fact]
    public void every_page_of_the_index_has_a_page_file_listing_the_same_operations()
    {
        var index = Index();
        Assert.Equal(41, index.Count);
        var problems = new List<string>();
        foreach (var page in index)
        {
            if (!File.Exists(Path.Combine(Run, "pages", $"{page.Code}.md")))
            {
                problems.Add($"{page.Code}: no pages/{page.Code}.md");
                continue;
            }
            var listed = PageFileOperations(page.Code).Select(o => o.Name).ToList();
            if (!listed.ToHashSet().SetEquals(page.Operations))
                problems.Add($"{page.Code}: the index names [{string.Join(", ", page.Operations)}], {page.Code}.md's Operations [{string.Join(", ", listed)}]");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void every_operation_a_page_names_is_in_the_schema_or_marked_not_built_on_a_page_not_done()
    {
        var fields = RootFields();
        var problems = new List<string>();
        foreach (var page in Index())
            foreach (var (name, notBuilt) in PageFileOperations(page.Code))
            {
                if (fields.Contains(name) && notBuilt) problems.Add($"{page.Code}.md marks '{name}' (not built), but the schema has it: remove the mark");
                if (fields.Contains(name) || notBuilt && page.Status != "DONE") continue;
                problems.Add(notBuilt
                    ? $"{page.Code} is marked DONE, but '{name}' is not in the schema"
                    : $"{page.Code}.md names '{name}', which is not in the schema (a typo, a rename, or an operation to mark (not built))");
            }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void every_root_field_of_the_schema_is_named_by_some_page()
    {
        var named = Index().SelectMany(p => p.Operations.Concat(PageFileOperations(p.Code).Select(o => o.Name))).ToHashSet();
        var unnamed = the_access_matrix.Operations(app).Where(o => !named.Contains(o.Field.Name))
            .Select(o => $"{o.Kind} '{o.Field.Name}' is named by no page (add it to a row of PAGES-INDEX.md and to that page's file)")
            .ToList();
        Assert.True(unnamed.Count == 0, string.Join(Environment.NewLine, unnamed));
    }

    [Fact]
    public void each_pages_status_follows_from_its_features_and_its_operations()
    {
        // DONE: every operation is in the schema and no MVP feature is left. PLANNED: no feature is done. Otherwise IN PROGRESS.
        var fields = RootFields();
        var scope = Features("SCOPE.md");
        var problems = new List<string>();
        foreach (var page in Index())
        {
            var features = scope.Where(f => f.Page == page.Code).ToList();
            var missing = page.Operations.Where(op => !fields.Contains(op)).ToList();
            var mvp = features.Where(f => f.Status == "MVP").Select(f => f.Name).ToList();
            var expected = !features.Any(f => f.Status == "DONE") ? "PLANNED"
                : missing.Count > 0 || mvp.Count > 0 ? "IN PROGRESS"
                : "DONE";
            if (page.Status != expected)
                problems.Add($"{page.Code} is marked {page.Status} but is {expected}"
                    + (missing.Count > 0 ? $"; operations not in the schema: {string.Join(", ", missing)}" : "")
                    + (mvp.Count > 0 ? $"; MVP features left: {string.Join(" / ", mvp)}" : ""));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void the_feature_list_is_scope_with_tests_that_exist_for_every_done_feature()
    {
        var scope = Features("SCOPE.md");
        var features = Features("FEATURES.md");
        var tests = TestNames();
        var problems = new List<string>();
        Assert.All(scope, f => Assert.Contains(f.Status, new[] { "DONE", "MVP", "POST-MVP" }));
        foreach (var f in scope.Where(s => !features.Any(x => x.Page == s.Page && x.Name == s.Name && x.Status == s.Status)))
            problems.Add($"SCOPE.md {f.Page} '{f.Name}' ({f.Status}) has no row in FEATURES.md with that status");
        foreach (var f in features.Where(x => !scope.Any(s => s.Page == x.Page && s.Name == x.Name)))
            problems.Add($"FEATURES.md {f.Page} '{f.Name}' is not in SCOPE.md");
        foreach (var f in features)
        {
            if (f.Status == "DONE" && f.Tests.Count == 0) problems.Add($"FEATURES.md {f.Page} '{f.Name}' is DONE but cites no test");
            problems.AddRange(f.Tests.Where(t => !tests.Contains(t)).Select(t => $"FEATURES.md {f.Page} cites `{t}`, which is no test"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void specs_is_a_copy_of_the_runs_scenario_from_part_a_down()
    {
        // The run phase plan copies the scenario implementation follows to the root SPECS.md; each keeps its own header.
        static string FromPartA(string path) =>
            string.Join('\n', File.ReadAllLines(path).SkipWhile(l => !l.StartsWith("# Part A")));
        var scenario = FromPartA(Path.Combine(Run, "scenario.md"));
        Assert.StartsWith("# Part A", scenario);
        Assert.True(scenario == FromPartA(Path.Combine(TestCluster.RepositoryRoot, "SPECS.md")),
            "SPECS.md differs from runs/run-001/scenario.md below '# Part A': edit scenario.md and copy it to SPECS.md");
    }

    /// <summary>Every <c>[Fact]</c> and <c>[Theory]</c> in the test sources, as <c>class.method</c>.</summary>
    private static HashSet<string> TestNames()
    {
        var names = new HashSet<string>();
        var sources = Directory.EnumerateFiles(Path.Combine(TestCluster.RepositoryRoot, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
        foreach (var file in sources)
        {
            string? type = null;
            var attributed = false;
            foreach (var line in File.ReadLines(file))
            {
                if (Regex.Match(line, @"\bclass (\w+)") is { Success: true } declared) type = declared.Groups[1].Value;
                if (Regex.IsMatch(line, @"\[(Fact|Theory)\b")) attributed = true;
                else if (attributed && Regex.Match(line, @"\b(?:Task|void) (\w+)\(") is { Success: true } method)
                {
                    names.Add($"{type}.{method.Groups[1].Value}");
                    attributed = false;
                }
            }
        }
        return names;
    }
}
