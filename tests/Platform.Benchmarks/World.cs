namespace Platform.Benchmarks;

/// <summary>
/// What the API scenarios act on, made through the public API as a creator and learners would: communities to join,
/// a published free course with its lessons (each with a video) in a classroom community, provisioned users who are enrolled in it.
/// </summary>
public sealed class World
{
    public required string CreatorToken { get; init; }
    public required Guid Classroom { get; init; }
    public required Guid ProbeCommunity { get; init; }
    public required List<Guid> JoinCommunities { get; init; }
    public required Guid Course { get; init; }
    public required List<Guid> Lessons { get; init; }
    /// <summary>The creator's posts in the classroom, for members to like (each like is scored into the points ledger).</summary>
    public required List<Guid> Posts { get; init; }
    /// <summary>Active members of the classroom, enrolled in the course; a multiple of <see cref="Profile.Clients"/>.</summary>
    public required List<string> Users { get; init; }
    /// <summary>Provisioned users who join nothing until scenario 3 probes with them.</summary>
    public required List<string> ProbeUsers { get; init; }

    /// <summary>
    /// The n-th (target, user) pair of a closed-loop client: index n·clients + client walks target-major, so with a user count
    /// that is a multiple of the client count each client keeps its own users and no two clients write to one stream at once.
    /// Null when the pairs run out.
    /// </summary>
    public (string User, T Target)? Pair<T>(List<T> targets, int client, int n)
    {
        var index = n * Profile.Clients + client;
        return index < targets.Count * Users.Count ? (Users[index % Users.Count], targets[index / Users.Count]) : null;
    }

    private static readonly ParallelOptions Parallel16 = new() { MaxDegreeOfParallelism = Profile.Clients };

    public static async Task<World> Build(GraphQLApi api, Profile profile)
    {
        var creator = api.Token("bench-creator");
        async Task<Guid> Community(string slug) => Id((await api.Send(creator,
            "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }",
            new { input = new { name = slug, slug } })).GetProperty("createCommunity"));

        var classroom = await Community("bench-classroom");
        var probe = await Community("bench-probe");
        var joinCommunities = new List<Guid>();
        for (var i = 0; i < profile.JoinCommunities; i++) joinCommunities.Add(await Community($"bench-join-{i}"));

        var course = Id((await api.Send(creator, "mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Bench course\" }) { id } }",
            new { c = classroom })).GetProperty("createCourse"));
        for (var m = 0; m < profile.Modules; m++)
            await api.Send(creator, "mutation($c: ID!, $t: String!) { addModule(courseId: $c, input: { title: $t }) { id } }", new { c = course, t = $"Module {m}" });
        const string outline = "query($c: ID!) { course(id: $c) { draft { id lessons { id } } } }";
        var modules = (await api.Send(creator, outline, new { c = course })).GetProperty("course").GetProperty("draft").EnumerateArray().Select(Id).ToList();
        foreach (var module in modules)
            for (var l = 0; l < profile.LessonsPerModule; l++)
                await api.Send(creator, "mutation($m: ID!, $t: String!, $b: String) { addLesson(moduleId: $m, input: { title: $t, body: $b }) { id } }",
                    new { m = module, t = $"Lesson {l}", b = "# Notes\n\nA few paragraphs of lesson text, as a real lesson has." });
        var lessons = (await api.Send(creator, outline, new { c = course })).GetProperty("course").GetProperty("draft").EnumerateArray()
            .SelectMany(m => m.GetProperty("lessons").EnumerateArray().Select(Id)).ToList();
        // Every lesson has a video, so learners can report watching it (recordVideoProgress); no bytes are uploaded.
        foreach (var lesson in lessons)
            await api.Send(creator, "mutation($l: ID!) { requestVideoUpload(lessonId: $l, input: { fileName: \"lesson.mp4\", sizeBytes: 1000000 }) { videoId } }",
                new { l = lesson });
        await api.Send(creator, "mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });

        var posts = new List<Guid>();
        for (var i = 0; i < profile.JoinCommunities; i++)
            posts.Add(Id((await api.Send(creator, "mutation($c: ID!, $t: String!) { createPost(input: { communityId: $c, title: $t, body: \"Like me\" }) { id } }",
                new { c = classroom, t = $"Post {i}" })).GetProperty("createPost")));

        // A user's first request provisions them (a command of its own): done here, so the measured phases don't pay it.
        var users = Enumerable.Range(0, profile.Users).Select(i => api.Token($"bench-user-{i}")).ToList();
        var probeUsers = Enumerable.Range(0, profile.ProbeUsers).Select(i => api.Token($"bench-probe-{i}")).ToList();
        await Parallel.ForEachAsync(users.Concat(probeUsers), Parallel16, async (token, _) => await api.Send(token, "{ me { id } }"));
        await Parallel.ForEachAsync(users, Parallel16, async (token, _) =>
        {
            await api.Send(token, "mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = classroom });
            await api.Send(token, "mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });
        });
        return new World
        {
            CreatorToken = creator, Classroom = classroom, ProbeCommunity = probe, JoinCommunities = joinCommunities,
            Course = course, Lessons = lessons, Posts = posts, Users = users, ProbeUsers = probeUsers,
        };
    }

    private static Guid Id(System.Text.Json.JsonElement element) => element.GetProperty("id").GetGuid();
}
