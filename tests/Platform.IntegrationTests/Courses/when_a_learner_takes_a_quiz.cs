using System.Text.Json;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Courses;

public sealed class when_a_learner_takes_a_quiz(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly Classroom classroom = new(app);

    private const string SetQuiz = """
        mutation($l: ID!) { setQuiz(lessonId: $l, input: { passPercent: 100, questions: [
            { prompt: "Which saw cuts along the grain?", choices: ["Crosscut", "Rip", "Coping"], correct: [1] },
            { prompt: "Which woods are ring-porous?", choices: ["Oak", "Maple", "Ash"], correct: [0, 2], multiple: true } ] }) { id } }
        """;

    private const string Submit = "mutation($l: ID!, $a: [QuizAnswerInput!]!) { submitQuiz(lessonId: $l, answers: $a) { attempt scorePercent passed } }";

    private async Task<(Built Built, GraphQLClient Learner, JsonElement Questions)> Quizzed()
    {
        var built = await classroom.Course(["Saws"], publish: false);
        await app.Client(built.Creator).Data(SetQuiz, new { l = built.Lessons[0] });
        await classroom.Publish(built.Creator, built.Course);
        var learner = await classroom.Learner(built);
        var questions = (await learner.Data("query($c: ID!) { course(id: $c) { modules { lessons { quiz { passPercent passed questions { id prompt choices multiple } } } } } }",
            new { c = built.Course })).GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("quiz").GetProperty("questions");
        return (built, learner, questions);
    }

    [Fact]
    public async Task the_lesson_completes_only_once_the_quiz_is_passed_and_the_creator_sees_results_per_question()
    {
        var (built, learner, questions) = await Quizzed();
        var (single, multiple) = (questions[0].GetProperty("id").GetString(), questions[1].GetProperty("id").GetString());

        var early = await learner.Send("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = built.Lessons[0] });
        var failed = (await learner.Data(Submit, new { l = built.Lessons[0], a = new object[] { new { questionId = single, choices = new[] { 1 } }, new { questionId = multiple, choices = new[] { 0 } } } }))
            .GetProperty("submitQuiz");
        var passed = (await learner.Data(Submit, new { l = built.Lessons[0], a = new object[] { new { questionId = single, choices = new[] { 1 } }, new { questionId = multiple, choices = new[] { 2, 0 } } } }))
            .GetProperty("submitQuiz");
        var done = (await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id progressPercent } }", new { l = built.Lessons[0] })).GetProperty("completeLesson");
        await app.WaitForProjections();
        var results = (await app.Client(built.Creator).Data("query($l: ID!) { quizResults(lessonId: $l) { attempts passedAttempts questions { prompt rightChoices attempts rightAttempts } } }",
            new { l = built.Lessons[0] })).GetProperty("quizResults");
        var peek = await learner.Send("query($l: ID!) { quizResults(lessonId: $l) { attempts } }", new { l = built.Lessons[0] });

        Assert.Equal("CONFLICT", early.FirstErrorCode);
        Assert.Equal((1, 50, false), (failed.GetProperty("attempt").GetInt32(), failed.GetProperty("scorePercent").GetInt32(), failed.GetProperty("passed").GetBoolean()));
        Assert.Equal((2, 100, true), (passed.GetProperty("attempt").GetInt32(), passed.GetProperty("scorePercent").GetInt32(), passed.GetProperty("passed").GetBoolean()));
        Assert.Equal(100, done.GetProperty("progressPercent").GetInt32());
        Assert.Equal((2, 1), (results.GetProperty("attempts").GetInt32(), results.GetProperty("passedAttempts").GetInt32()));
        Assert.Equal([(1, 2, 2), (2, 2, 1)], results.GetProperty("questions").EnumerateArray().Select(q =>
            (q.GetProperty("rightChoices").GetArrayLength(), q.GetProperty("attempts").GetInt32(), q.GetProperty("rightAttempts").GetInt32())));
        Assert.Equal("FORBIDDEN", peek.FirstErrorCode); // a plain member holds no creator role at all
        var enrolmentId = Platform.Contracts.DeterministicId.Enrolment(Guid.Parse(built.Course), Guid.Parse((await learner.Data("{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!));
        Assert.Equal([false, true], (await app.EventsOf(enrolmentId)).Select(e => e.Data).OfType<QuizAttempted>().Select(a => a.Passed));
    }

    [Fact]
    public async Task a_learner_query_never_carries_the_answers()
    {
        var (built, learner, questions) = await Quizzed();
        var asking = await learner.Send("query($c: ID!) { course(id: $c) { modules { lessons { quiz { questions { rightChoices } } } } } }", new { c = built.Course });
        var whole = await learner.Data("query($c: ID!) { course(id: $c) { modules { lessons { quiz { questions { id prompt choices multiple } } } } } }", new { c = built.Course });

        Assert.Equal(2, questions.GetArrayLength());
        Assert.Equal(["id", "prompt", "choices", "multiple"], questions[0].EnumerateObject().Select(p => p.Name));
        Assert.NotNull(asking.Errors);
        Assert.DoesNotContain("rightChoices", whole.ToString());
        Assert.DoesNotContain("correct", whole.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every output type a learner can reach (from a root field the access matrix opens to members) is free of answers: only
    /// quizResults, for creators, reaches the type that carries the right choices.
    /// </summary>
    [Fact]
    public async Task no_type_a_learner_can_reach_exposes_the_right_choices()
    {
        var schema = (await app.Client(Given.Unique("intro")).Data("""
            { __schema { queryType { name } mutationType { name } subscriptionType { name }
              types { name kind fields { name type { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name } } } } } } } } }
            """)).GetProperty("__schema");
        var types = schema.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var learnerRoots = the_access_matrix.ReadMatrix().Where(r => r.Cells["member"] != "no").Select(r => r.Operation).ToHashSet();
        static string? Named(JsonElement type) => type.GetProperty("name").GetString() ?? (type.TryGetProperty("ofType", out var inner) && inner.ValueKind == JsonValueKind.Object ? Named(inner) : null);

        var reached = new HashSet<string>();
        var pending = new Queue<string>();
        foreach (var root in new[] { "queryType", "mutationType", "subscriptionType" })
            if (schema.GetProperty(root) is { ValueKind: JsonValueKind.Object } rootType)
                foreach (var field in types[rootType.GetProperty("name").GetString()!].GetProperty("fields").EnumerateArray())
                    if (learnerRoots.Contains(field.GetProperty("name").GetString()!)) pending.Enqueue(Named(field.GetProperty("type"))!);
        while (pending.TryDequeue(out var name))
        {
            if (!reached.Add(name) || types[name].GetProperty("fields") is not { ValueKind: JsonValueKind.Array } fields) continue;
            foreach (var field in fields.EnumerateArray()) pending.Enqueue(Named(field.GetProperty("type"))!);
        }

        Assert.Contains("Quiz", reached);
        Assert.Contains("QuizQuestion", reached);
        Assert.Contains("QuizResults", types.Keys);
        Assert.DoesNotContain("QuizResults", reached);
        Assert.DoesNotContain("QuizQuestionResult", reached);
        var exposing = reached.SelectMany(t => types[t].GetProperty("fields") is { ValueKind: JsonValueKind.Array } fields
                ? fields.EnumerateArray().Select(f => $"{t}.{f.GetProperty("name").GetString()}")
                : [])
            .Where(f => new[] { "correct", "rightchoice", "answer" }.Any(word => f.Contains(word, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(exposing);
    }
}
