using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// runs/run-001/ACCESS-MATRIX.md is a contract: every operation in the schema has a row there, every
/// row of an implemented operation matches what its field declares, and a sample call per role and
/// operation against the running app gets the outcome its cell promises.
/// </summary>
/// <summary>
/// The matrix calls every operation as every role from one test-server address within a minute, and one admin grants a
/// moderator role for each: a script's pace, not a person's, so its host lifts those two rate limits.
/// </summary>
public sealed class AccessMatrixApp : PlatformApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Requests:PermitLimit"] = "1000000",
        ["RateLimits:Mutations:PermitLimit"] = "1000000",
    };
}

public sealed class the_access_matrix(AccessMatrixApp app) : IClassFixture<AccessMatrixApp>
{
    private static readonly string[] Columns = ["anonymous", "member", "creator", "moderator", "admin", "finance"];

    public sealed record Row(string Operation, string Kind, IReadOnlyDictionary<string, string> Cells);

    public static IReadOnlyList<Row> ReadMatrix() => ReadTable("ACCESS-MATRIX.md", "## Operations", "operation", "kind");

    /// <summary>A role table of a run document: rows of a key, a second column, then the six role columns.</summary>
    private static IReadOnlyList<Row> ReadTable(string document, string heading, string key, string second)
    {
        var lines = File.ReadAllLines(Path.Combine(TestCluster.RepositoryRoot, "runs", "run-001", document));
        var start = Array.FindIndex(lines, l => l.Trim() == heading);
        Assert.True(start >= 0, $"{document} has no '{heading}' section");
        var table = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal([key, second, .. Columns], Split(table[0]));
        return table.Skip(2).Select(Split)
            .Select(cells => new Row(cells[0], cells[1], Columns.Select((c, i) => (c, cells[i + 2])).ToDictionary(x => x.c, x => x.Item2)))
            .ToList();

        static string[] Split(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
    }

    [Fact]
    public void the_page_table_lists_every_page_of_the_index_once_with_yes_own_or_no()
    {
        var pages = ReadTable("ACCESS-MATRIX.md", "## Pages", "page", "name");
        var index = File.ReadAllLines(Path.Combine(TestCluster.RepositoryRoot, "runs", "run-001", "pages", "PAGES-INDEX.md"))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| [A-Z]{3,6} \|"))
            .Select(l => l.Split('|')[1].Trim()).ToList();

        Assert.Equal(41, index.Count);
        Assert.Equal(index.Order(), pages.Select(p => p.Operation).Order());
        Assert.All(pages, page => Assert.All(page.Cells.Values, cell => Assert.Contains(cell, new[] { "yes", "own", "no" })));
    }

    /// <summary>The schema's root fields (queries, mutations, subscriptions) with their kind.</summary>
    public static IEnumerable<(string Kind, FieldType Field)> Operations(PlatformApp app)
    {
        var schema = app.Host.Services.GetRequiredService<PlatformSchema>();
        schema.Initialize();
        return new[] { ("query", schema.Query), ("mutation", schema.Mutation), ("subscription", schema.Subscription) }
            .SelectMany(root => root.Item2!.Fields.Where(f => !f.Name.StartsWith("__")).Select(f => (root.Item1, f)));
    }

    private static string Cell(FieldAccess? access, string column) =>
        (access?.Columns[Enum.Parse<Audience>(column, ignoreCase: true)] ?? Access.No).ToString().ToLowerInvariant();

    [Fact]
    public void every_operation_in_the_schema_has_a_row_that_matches_its_declared_access()
    {
        var rows = ReadMatrix().ToDictionary(r => r.Operation);
        var problems = new List<string>();
        foreach (var (kind, field) in Operations(app))
        {
            if (!rows.TryGetValue(field.Name, out var row))
            {
                problems.Add($"{field.Name}: no row in ACCESS-MATRIX.md");
                continue;
            }
            if (row.Kind != kind) problems.Add($"{field.Name}: the matrix says {row.Kind}, the schema {kind}");
            var access = field.AccessOf();
            if (access is null) problems.Add($"{field.Name}: declares no access (denied to everyone)");
            foreach (var column in Columns)
                if (row.Cells[column] != Cell(access, column))
                    problems.Add($"{field.Name}/{column}: the matrix says {row.Cells[column]}, the code {Cell(access, column)}");
            if (access is not null && access.Columns.Values.Contains(Access.Own) && access.Ownership is null)
                problems.Add($"{field.Name}: 'own' without an ownership rule");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void every_row_names_a_known_kind_and_only_yes_own_or_no()
    {
        var rows = ReadMatrix();
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Contains(row.Kind, new[] { "query", "mutation", "subscription" });
            Assert.All(row.Cells.Values, cell => Assert.Contains(cell, new[] { "yes", "own", "no" }));
        });
        Assert.Equal(rows.Count, rows.Select(r => r.Operation).Distinct().Count());
    }

    /// <summary>A call that exercises one operation; <c>Own</c> targets someone else's object unless the operation acts on the caller's own data.</summary>
    private sealed record Sample(string Query, Func<Fixture, object?> Variables, bool OwnMeansSelf = false);

    /// <summary>The target community belongs to none of the callers, requires approval, and holds a pending request by the target user;
    /// the private community holds a post by its owner.</summary>
    private sealed record Fixture(string OwnerHandle, string TargetCommunity, Guid TargetUser, string PendingMembership, string OpenCommunity,
        string Course, string Module, string Lesson, string PrivateCommunity, string PrivatePost)
    {
        public string NewSlug() => $"mx-{Guid.NewGuid():N}"[..20];
    }

    private static readonly Dictionary<string, Sample> Samples = new()
    {
        ["me"] = new("{ me { id } }", _ => null, OwnMeansSelf: true),
        ["dashboard"] = new("{ dashboard { roles } }", _ => null, OwnMeansSelf: true),
        ["updateProfile"] = new("mutation { updateProfile(input: { bio: \"hello\" }) { id } }", _ => null, OwnMeansSelf: true),
        ["profile"] = new("query($h: String!) { profile(handle: $h) { handle } }", f => new { h = f.OwnerHandle }),
        ["users"] = new("{ users(first: 1) { nodes { id } } }", _ => null),
        ["grantRole"] = new("mutation($u: ID!) { grantRole(userId: $u, role: FINANCE, reason: \"matrix\") { id } }", f => new { u = f.TargetUser }),
        ["revokeRole"] = new("mutation($u: ID!) { revokeRole(userId: $u, role: FINANCE, reason: \"matrix\") { id } }", f => new { u = f.TargetUser }),
        ["communities"] = new("{ communities(first: 1) { nodes { id } } }", _ => null),
        ["community"] = new("query($c: ID) { community(id: $c) { id } }", f => new { c = f.TargetCommunity }),
        ["createCommunity"] = new("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            f => new { i = new { name = "Matrix", slug = f.NewSlug() } }),
        ["joinCommunity"] = new("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", f => new { c = f.OpenCommunity }),
        ["members"] = new("query($c: ID!) { members(communityId: $c) { nodes { id } } }", f => new { c = f.TargetCommunity }),
        ["joinRequests"] = new("query($c: ID!) { joinRequests(communityId: $c) { nodes { id } } }", f => new { c = f.TargetCommunity }),
        ["myCommunities"] = new("{ myCommunities { nodes { id } } }", _ => null),
        ["createSubCommunity"] = new("mutation($p: ID!, $i: CreateCommunityInput!) { createSubCommunity(parentId: $p, input: $i) { id } }",
            f => new { p = f.TargetCommunity, i = new { name = "Sub", slug = f.NewSlug() } }),
        ["updateCommunitySettings"] = new("mutation($c: ID!) { updateCommunitySettings(communityId: $c, input: { description: \"x\" }) { id } }",
            f => new { c = f.TargetCommunity }),
        ["setLevelNames"] = new("mutation($c: ID!) { setLevelNames(communityId: $c, names: [\"One\"]) { id } }", f => new { c = f.TargetCommunity }),
        ["myLevel"] = new("query($c: ID!) { myLevel(communityId: $c) { points } }", f => new { c = f.TargetCommunity }),
        ["leaderboard"] = new("query($c: ID!) { leaderboard(communityId: $c, window: ALL_TIME) { me { points } } }", f => new { c = f.TargetCommunity }),
        ["previewPointRules"] = new("query($c: ID!) { previewPointRules(communityId: $c, input: { perLikeReceived: 2 }) { communityId } }",
            f => new { c = f.TargetCommunity }),
        ["setPointRules"] = new("mutation($c: ID!) { setPointRules(communityId: $c, input: { perLikeReceived: 2 }) { communityId } }", f => new { c = f.TargetCommunity }),
        ["pointsGrantedBy"] = new("query($c: ID!, $u: ID!) { pointsGrantedBy(communityId: $c, likerId: $u) { id } }", f => new { c = f.TargetCommunity, u = f.TargetUser }),
        ["revokePointsFrom"] = new("mutation($c: ID!, $u: ID!) { revokePointsFrom(communityId: $c, likerId: $u, reason: \"matrix\") { id } }",
            f => new { c = f.TargetCommunity, u = f.TargetUser }),
        ["leaveCommunity"] = new("mutation($c: ID!) { leaveCommunity(communityId: $c) { id } }", f => new { c = f.TargetCommunity }),
        ["approveJoinRequest"] = new("mutation($m: ID!) { approveJoinRequest(membershipId: $m) { id } }", f => new { m = f.PendingMembership }),
        ["rejectJoinRequest"] = new("mutation($m: ID!) { rejectJoinRequest(membershipId: $m) { id } }", f => new { m = f.PendingMembership }),
        ["banMember"] = new("mutation($c: ID!, $u: ID!) { banMember(communityId: $c, userId: $u, reason: \"matrix\") { id } }",
            f => new { c = f.TargetCommunity, u = f.TargetUser }),
        ["unbanMember"] = new("mutation($c: ID!, $u: ID!) { unbanMember(communityId: $c, userId: $u) { id } }", f => new { c = f.TargetCommunity, u = f.TargetUser }),
        ["inviteMember"] = new("mutation($c: ID!) { inviteMember(communityId: $c, email: \"x@example.test\") { id } }", f => new { c = f.TargetCommunity }),
        ["acceptInvite"] = new("mutation { acceptInvite(token: \"no-such-token\") { id } }", _ => null),
        ["course"] = new("query($c: ID!) { course(id: $c) { id } }", f => new { c = f.Course }),
        ["createCourse"] = new("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Matrix\" }) { id } }", f => new { c = f.TargetCommunity }),
        ["addModule"] = new("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"M\" }) { id } }", f => new { c = f.Course }),
        ["addLesson"] = new("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"L\" }) { id } }", f => new { m = f.Module }),
        ["moveLesson"] = new("mutation($l: ID!, $m: ID!) { moveLesson(lessonId: $l, moduleId: $m, position: 0) { id } }", f => new { l = f.Lesson, m = f.Module }),
        ["publishCourse"] = new("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", f => new { c = f.Course }),
        ["unpublishCourse"] = new("mutation($c: ID!) { unpublishCourse(courseId: $c) { id } }", f => new { c = f.Course }),
        ["archiveCourse"] = new("mutation($c: ID!) { archiveCourse(courseId: $c) { id } }", f => new { c = f.Course }),
        ["updateCourse"] = new("mutation($c: ID!) { updateCourse(courseId: $c, input: { title: \"Mine\" }) { id } }", f => new { c = f.Course }),
        ["updateModule"] = new("mutation($m: ID!) { updateModule(moduleId: $m, input: { title: \"Mine\" }) { id } }", f => new { m = f.Module }),
        ["updateLesson"] = new("mutation($l: ID!) { updateLesson(lessonId: $l, input: { title: \"Mine\" }) { id } }", f => new { l = f.Lesson }),
        ["deleteModule"] = new("mutation($m: ID!) { deleteModule(moduleId: $m) { id } }", f => new { m = f.Module }),
        ["deleteLesson"] = new("mutation($l: ID!) { deleteLesson(lessonId: $l) { id } }", f => new { l = f.Lesson }),
        ["moveModule"] = new("mutation($m: ID!) { moveModule(moduleId: $m, position: 0) { id } }", f => new { m = f.Module }),
        ["setQuiz"] = new("mutation($l: ID!) { setQuiz(lessonId: $l, input: { passPercent: 50, questions: [] }) { id } }", f => new { l = f.Lesson }),
        ["quizResults"] = new("query($l: ID!) { quizResults(lessonId: $l) { attempts } }", f => new { l = f.Lesson }),
        ["submitQuiz"] = new("mutation($l: ID!) { submitQuiz(lessonId: $l, answers: []) { passed } }", f => new { l = f.Lesson }),
        ["recordVideoProgress"] = new("mutation($l: ID!) { recordVideoProgress(lessonId: $l, positionSeconds: 0, watchedRanges: [], durationSeconds: 60) { watchedPercent } }",
            f => new { l = f.Lesson }),
        // A course nobody can enrol in (it does not exist): "yes" means the access layer lets the call through to NOT_FOUND.
        ["enrolFree"] = new("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", _ => new { c = Guid.NewGuid() }),
        ["completeLesson"] = new("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", f => new { l = f.Lesson }),
        ["myLearning"] = new("{ myLearning { nodes { id } } }", _ => null),
        ["requestVideoUpload"] = new("mutation($l: ID!) { requestVideoUpload(lessonId: $l, input: { fileName: \"a.mp4\", sizeBytes: 10 }) { videoId } }",
            f => new { l = f.Lesson }),
        ["certificate"] = new("query($e: ID!) { certificate(enrolmentId: $e) { id } }", _ => new { e = Guid.NewGuid() }),
        ["verifyCertificate"] = new("query($c: ID!) { verifyCertificate(certificateId: $c) { id } }", _ => new { c = Guid.NewGuid() }),
        ["createPost"] = new("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"T\", body: \"B\" }) { id } }", f => new { c = f.TargetCommunity }),
        ["editPost"] = new("mutation($p: ID!) { editPost(postId: $p, input: { title: \"Mine\" }) { id } }", f => new { p = f.PrivatePost }),
        ["deletePost"] = new("mutation($p: ID!) { deletePost(postId: $p, reason: \"matrix\") { id } }", f => new { p = f.PrivatePost }),
        ["addComment"] = new("mutation($p: ID!) { addComment(postId: $p, input: { body: \"hi\" }) { id } }", f => new { p = f.PrivatePost }),
        ["react"] = new("mutation($p: ID!) { react(targetId: $p, kind: LIKE) { id } }", f => new { p = f.PrivatePost }),
        ["unreact"] = new("mutation($p: ID!) { unreact(targetId: $p, kind: LIKE) { id } }", f => new { p = f.PrivatePost }),
        ["follow"] = new("mutation($c: ID!) { follow(targetId: $c) { id } }", f => new { c = f.OpenCommunity }),
        // Nobody follows the target user: "yes" means the access layer lets the call through to CONFLICT.
        ["unfollow"] = new("mutation($u: ID!) { unfollow(targetId: $u) { id } }", f => new { u = f.TargetUser }),
        ["feed"] = new("query($c: ID!) { feed(type: COMMUNITY, ownerId: $c) { nodes { id } } }", f => new { c = f.PrivateCommunity }),
        ["post"] = new("query($p: ID!) { post(id: $p) { id } }", f => new { p = f.PrivatePost }),
        ["markNotificationsRead"] = new("mutation { markNotificationsRead { unreadCount } }", _ => null, OwnMeansSelf: true),
        ["setPrice"] = new("mutation($p: ID!) { setPrice(productId: $p, input: { amount: 1000, currency: \"eur\" }) { id } }", f => new { p = f.Course }),
        ["createCoupon"] = new("mutation($p: ID!) { createCoupon(productId: $p, input: { code: \"MATRIX\", percentOff: 10 }) { id } }", f => new { p = f.Course }),
        ["startPayoutOnboarding"] = new("mutation { startPayoutOnboarding { id } }", _ => null),
        // The course is FREE, so a caller who may check out gets CONFLICT (not for sale), never a denial.
        ["startCheckout"] = new("mutation($p: ID!) { startCheckout(input: { productId: $p }) { checkoutId } }", f => new { p = f.Course }),
        ["completeLocalPayment"] = new("mutation($c: ID!) { completeLocalPayment(checkoutId: $c, outcome: SUCCEEDED) { id } }", _ => new { c = Guid.NewGuid() }),
        ["renewLocalSubscription"] = new("mutation($s: ID!) { renewLocalSubscription(subscriptionId: $s, outcome: SUCCEEDED) { id } }", _ => new { s = Guid.NewGuid() }),
        ["purchase"] = new("query($p: ID!) { purchase(id: $p) { id } }", _ => new { p = Guid.NewGuid() }),
        ["myPurchases"] = new("{ myPurchases { nodes { id } } }", _ => null),
        ["mySubscriptions"] = new("{ mySubscriptions { id } }", _ => null),
        ["cancelSubscription"] = new("mutation($s: ID!) { cancelSubscription(subscriptionId: $s) { id } }", _ => new { s = Guid.NewGuid() }),
        ["creatorAnalytics"] = new("query($c: ID!) { creatorAnalytics(communityId: $c) { currency } }", f => new { c = f.TargetCommunity }),
        ["analyticsDrillDown"] = new("query($c: ID!) { analyticsDrillDown(communityId: $c, figure: GROSS) { sourceId } }", f => new { c = f.TargetCommunity }),
        ["previewFeePolicy"] = new("query($c: ID!) { previewFeePolicy(communityId: $c, input: { percent: 10 }) { proposedPercent } }", f => new { c = f.TargetCommunity }),
        ["setFeePolicy"] = new("mutation($c: ID!) { setFeePolicy(communityId: $c, input: { percent: 15 }) { percentInForce } }", f => new { c = f.TargetCommunity }),
        ["earnings"] = new("query($c: ID) { earnings(input: { creatorId: $c }) { net { amount } } }", f => new { c = f.TargetUser }),
        ["payouts"] = new("{ payouts { nodes { id } } }", _ => null, OwnMeansSelf: true),
        ["payout"] = new("query($p: ID!) { payout(id: $p) { id } }", _ => new { p = Guid.NewGuid() }),
        ["ledger"] = new("{ ledger { nodes { id } } }", _ => null),
        ["reconciliation"] = new("{ reconciliation(input: { from: \"2026-01-01T00:00:00Z\", to: \"2026-01-02T00:00:00Z\" }) { matched } }", _ => null),
        ["refundPurchase"] = new("mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { reason: \"matrix\" }) { id } }", _ => new { p = Guid.NewGuid() }),
        // Someone else's community: admin and finance read its history; a creator only their own products' money.
        ["search"] = new("{ search(text: \"matrix\") { id } }", _ => null),
        ["createEvent"] = new("mutation($c: ID!) { createEvent(communityId: $c, input: { title: \"M\", startsAt: \"2030-01-01T10:00:00Z\", endsAt: \"2030-01-01T11:00:00Z\" }) { id } }",
            f => new { c = f.TargetCommunity }),
        // No such event: "own" means the access layer answers NOT_FOUND, as it does for someone else's event.
        ["moveEvent"] = new("mutation($e: ID!) { moveEvent(eventId: $e, startsAt: \"2030-01-01T10:00:00Z\", endsAt: \"2030-01-01T11:00:00Z\") { id } }", _ => new { e = Guid.NewGuid() }),
        ["cancelEvent"] = new("mutation($e: ID!) { cancelEvent(eventId: $e) { id } }", _ => new { e = Guid.NewGuid() }),
        ["markAttendance"] = new("mutation($e: ID!, $u: [ID!]!) { markAttendance(eventId: $e, occurrenceStartsAt: \"2030-01-01T10:00:00Z\", userIds: $u) { id } }",
            _ => new { e = Guid.NewGuid(), u = new[] { Guid.NewGuid() } }),
        ["rsvp"] = new("mutation($e: ID!) { rsvp(eventId: $e, answer: GOING) { id } }", _ => new { e = Guid.NewGuid() }),
        ["events"] = new("query($c: ID!) { events(communityId: $c, from: \"2030-01-01T00:00:00Z\", to: \"2030-02-01T00:00:00Z\") { startsAt } }", f => new { c = f.TargetCommunity }),
        ["calendarFeedUrl"] = new("{ calendarFeedUrl }", _ => null, OwnMeansSelf: true),
        ["notificationPreferences"] = new("{ notificationPreferences { digest } }", _ => null, OwnMeansSelf: true),
        ["updateNotificationPreferences"] = new("mutation { updateNotificationPreferences(input: { digest: WEEKLY }) { digest } }", _ => null, OwnMeansSelf: true),
        ["conversations"] = new("{ conversations { nodes { id } } }", _ => null),
        // Nobody is a participant of a conversation that does not exist, nor a member of someone else's private community.
        ["conversation"] = new("query($c: ID!) { conversation(id: $c) { id } }", _ => new { c = Guid.NewGuid() }),
        ["communityChannel"] = new("query($c: ID!) { communityChannel(communityId: $c) { id } }", f => new { c = f.PrivateCommunity }),
        ["sendMessage"] = new("mutation($c: ID!) { sendMessage(input: { communityId: $c, body: \"hi\" }) { id } }", f => new { c = f.PrivateCommunity }),
        // No other member: "yes" means the access layer lets the call through to VALIDATION.
        ["startGroupConversation"] = new("mutation { startGroupConversation(input: { title: \"G\", memberIds: [] }) { id } }", _ => null),
        ["editMessage"] = new("mutation($m: ID!) { editMessage(messageId: $m, body: \"x\") { id } }", _ => new { m = Guid.NewGuid() }),
        ["deleteMessage"] = new("mutation($m: ID!) { deleteMessage(messageId: $m) { id } }", _ => new { m = Guid.NewGuid() }),
        ["markConversationRead"] = new("mutation($c: ID!) { markConversationRead(conversationId: $c) { id } }", _ => new { c = Guid.NewGuid() }),
        ["blockUser"] = new("mutation($u: ID!) { blockUser(userId: $u) { id } }", f => new { u = f.TargetUser }),
        ["helpArticles"] = new("{ helpArticles(search: \"refund\") { id } }", _ => null),
        ["helpArticle"] = new("query($a: ID!) { helpArticle(id: $a) { id } }", _ => new { a = Guid.NewGuid() }),
        ["writeHelpArticle"] = new("mutation { writeHelpArticle(input: { collection: \"Matrix\", title: \"T\", body: \"B\" }) { id } }", _ => null),
        ["publishHelpArticle"] = new("mutation($a: ID!) { publishHelpArticle(articleId: $a) { id } }", _ => new { a = Guid.NewGuid() }),
        ["rateHelpArticle"] = new("mutation($a: ID!) { rateHelpArticle(articleId: $a, helpful: true) { id } }", _ => new { a = Guid.NewGuid() }),
        ["openTicket"] = new("mutation { openTicket(input: { subject: \"Help\", body: \"Please\" }) { id } }", _ => null),
        ["tickets"] = new("{ tickets { nodes { id } } }", _ => null, OwnMeansSelf: true),
        // Tickets nobody has: "own" answers NOT_FOUND, "yes" (admins) reaches the handler's NOT_FOUND.
        ["ticket"] = new("query($t: ID!) { ticket(ticketId: $t) { id } }", _ => new { t = Guid.NewGuid() }),
        ["replyToTicket"] = new("mutation($t: ID!) { replyToTicket(ticketId: $t, body: \"x\") { id } }", _ => new { t = Guid.NewGuid() }),
        ["assignTicket"] = new("mutation($t: ID!, $u: ID!) { assignTicket(ticketId: $t, assigneeId: $u) { id } }", f => new { t = Guid.NewGuid(), u = f.TargetUser }),
        ["solveTicket"] = new("mutation($t: ID!) { solveTicket(ticketId: $t) { id } }", _ => new { t = Guid.NewGuid() }),
        // Someone else's private post: nobody outside its community may report it, or learn that it exists.
        ["reportContent"] = new("mutation($p: ID!) { reportContent(targetId: $p, reason: SPAM) { id } }", f => new { p = f.PrivatePost }),
        ["moderationQueue"] = new("query($c: ID!) { moderationQueue(communityId: $c) { nodes { id } } }", f => new { c = f.TargetCommunity }),
        // No such report, case or reported target: "own" means the access layer answers NOT_FOUND, as it does for another community's.
        ["resolveReport"] = new("mutation($r: ID!) { resolveReport(reportId: $r, action: DISMISS) { id } }", _ => new { r = Guid.NewGuid() }),
        ["restoreContent"] = new("mutation($p: ID!) { restoreContent(targetId: $p) { id } }", f => new { p = f.PrivatePost }),
        ["appealModeration"] = new("mutation($c: ID!) { appealModeration(caseId: $c, text: \"matrix\") { id } }", _ => new { c = Guid.NewGuid() }),
        ["exportMyData"] = new("mutation { exportMyData { id } }", _ => null, OwnMeansSelf: true),
        ["exportUserData"] = new("mutation($u: ID!) { exportUserData(userId: $u) { id } }", f => new { u = f.TargetUser }),
        // A confirmation that is not the handle: the access decision is made, nobody is erased (VALIDATION).
        ["deleteMyAccount"] = new("mutation { deleteMyAccount(confirmation: \"not-the-handle\") { userId } }", _ => null, OwnMeansSelf: true),
        ["deleteUserAccount"] = new("mutation($u: ID!) { deleteUserAccount(userId: $u, confirmation: \"not-the-handle\") { userId } }",
            f => new { u = f.TargetUser }),
        // Out of range: the access decision is made, the setting stays (VALIDATION).
        ["setErasedAccountRetention"] = new("mutation { setErasedAccountRetention(days: 0) }", _ => null),
        ["requestFileUpload"] = new("mutation { requestFileUpload(input: { purpose: POST_IMAGE, fileName: \"a.png\", contentType: \"image/png\", sizeBytes: 10 }) { fileId } }",
            _ => null, OwnMeansSelf: true),
        ["completeFileUpload"] = new("mutation($f: ID!) { completeFileUpload(fileId: $f) { id } }", _ => new { f = Guid.NewGuid() }),
        ["file"] = new("query($f: ID!) { file(id: $f) { id } }", _ => new { f = Guid.NewGuid() }),
        ["platformStats"] = new("{ platformStats(window: DAYS_7) { users } }", _ => null),
        // Someone else's community; featuring it twice, or unfeaturing it when it is not featured, changes nothing.
        ["featureCommunity"] = new("mutation($c: ID!) { featureCommunity(communityId: $c) }", f => new { c = f.OpenCommunity }),
        ["unfeatureCommunity"] = new("mutation($c: ID!) { unfeatureCommunity(communityId: $c) }", f => new { c = f.OpenCommunity }),
        // A user who never signed in: "yes" means the access layer lets the call through to NOT_FOUND (suspend) or CONFLICT (unsuspend).
        ["suspendUser"] = new("mutation($u: ID!) { suspendUser(userId: $u, reason: \"matrix\") { id } }", _ => new { u = Guid.NewGuid() }),
        ["unsuspendUser"] = new("mutation($u: ID!) { unsuspendUser(userId: $u) { id } }", _ => new { u = Guid.NewGuid() }),
        ["moderationLog"] = new("query($c: ID!) { moderationLog(communityId: $c) { nodes { type } } }", f => new { c = f.TargetCommunity }),
        // "own" for the creator column fails on the target community (FORBIDDEN); a threshold of 2 is valid.
        ["setAutoHideThreshold"] = new("mutation($c: ID!) { setAutoHideThreshold(communityId: $c, threshold: 2) { id } }", f => new { c = f.TargetCommunity }),
        ["systemHealth"] = new("{ systemHealth { highWaterMark } }", _ => null),
        // No such dead letter: "yes" means the access layer lets the call through to NOT_FOUND.
        ["replayDeadLetter"] = new("mutation($id: ID!) { replayDeadLetter(id: $id) { id } }", _ => new { id = Guid.NewGuid() }),
        ["discardDeadLetter"] = new("mutation($id: ID!) { discardDeadLetter(id: $id, reason: \"matrix\") { id } }", _ => new { id = Guid.NewGuid() }),
        ["auditTrail"] = new("query($c: ID!) { auditTrail(entityType: COMMUNITY, entityId: $c) { nodes { type actor source } } }", f => new { c = f.TargetCommunity }),
    };

    [Fact]
    public async Task a_sample_call_per_role_gets_what_its_cell_promises()
    {
        // Callers, one per column; none of them owns the target community. Every caller but the creator is a new user
        // on every call, so that what one call grants (creating a community makes a creator) cannot widen the next.
        var owner = $"mxowner{Guid.NewGuid():N}"[..16];
        const string create = "mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }";
        var target = (await app.Client(owner).Data(create, new { i = new { name = "Matrix target", slug = $"mx-{Guid.NewGuid():N}"[..20], joinPolicy = "APPROVAL" } }))
            .GetProperty("createCommunity").GetProperty("id").GetString()!;
        var open = (await app.Client(owner).Data(create, new { i = new { name = "Matrix open", slug = $"mx-{Guid.NewGuid():N}"[..20] } }))
            .GetProperty("createCommunity").GetProperty("id").GetString()!;
        var targetUser = $"mxtarget{Guid.NewGuid():N}"[..16];
        var pending = (await app.Client(targetUser).Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = target }))
            .GetProperty("joinCommunity").GetProperty("id").GetString()!;
        var course = (await app.Client(owner).Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Matrix course\" }) { id } }", new { c = open }))
            .GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await app.Client(owner).Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"One\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        var lesson = (await app.Client(owner).Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"First\" }) { draft { lessons { id } } } }", new { m = module }))
            .GetProperty("addLesson").GetProperty("draft")[0].GetProperty("lessons")[0].GetProperty("id").GetString()!;
        await app.Client(owner).Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
        var privateCommunity = (await app.Client(owner).Data(create, new { i = new { name = "Matrix private", slug = $"mx-{Guid.NewGuid():N}"[..20], visibility = "PRIVATE" } }))
            .GetProperty("createCommunity").GetProperty("id").GetString()!;
        var privatePost = (await app.Client(owner).Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Private\", body: \"Inside only\" }) { id } }",
            new { c = privateCommunity })).GetProperty("createPost").GetProperty("id").GetString()!;
        var fixture = new Fixture(owner, target, PlatformApp.UserId(targetUser), pending, open, course, module, lesson, privateCommunity, privatePost);

        var admin = $"mxadmin{Guid.NewGuid():N}"[..16];
        var creator = $"mxcreator{Guid.NewGuid():N}"[..16];
        var otherCommunity = await Community(app.Client(creator), "Elsewhere", fixture.NewSlug());
        async Task<GraphQLClient> NewModerator()
        {
            var moderator = $"mxmod{Guid.NewGuid():N}"[..16];
            await app.Client(moderator).Data("{ me { id } }");
            await app.Client(admin, "admin").Data("mutation($u: ID!, $c: ID) { grantRole(userId: $u, role: MODERATOR, communityId: $c, reason: \"matrix\") { id } }",
                new { u = PlatformApp.UserId(moderator), c = otherCommunity });
            return app.Client(moderator);
        }
        var callers = new Dictionary<string, Func<Task<GraphQLClient>>>
        {
            ["anonymous"] = () => Task.FromResult(app.Client()),
            ["member"] = () => Task.FromResult(app.Client($"mxmember{Guid.NewGuid():N}"[..16])),
            ["creator"] = () => Task.FromResult(app.Client(creator)),
            ["moderator"] = NewModerator,
            ["admin"] = () => Task.FromResult(app.Client($"mxadmin{Guid.NewGuid():N}"[..16], "admin")),
            ["finance"] = () => Task.FromResult(app.Client($"mxfin{Guid.NewGuid():N}"[..16], "finance")),
        };

        var rows = ReadMatrix().ToDictionary(r => r.Operation);
        var problems = new List<string>();
        foreach (var (kind, field) in Operations(app).Where(o => o.Kind != "subscription"))
        {
            if (!Samples.TryGetValue(field.Name, out var sample))
            {
                problems.Add($"{field.Name}: add a sample call to this test");
                continue;
            }
            foreach (var column in Columns)
            {
                var cell = rows[field.Name].Cells[column];
                var response = await (await callers[column]()).Send(sample.Query, sample.Variables(fixture));
                var code = response.FirstErrorCode;
                var denied = code is "UNAUTHENTICATED" or "FORBIDDEN";
                var expectedDenial = column == "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
                var ok = cell switch
                {
                    "yes" => !denied,
                    "own" when sample.OwnMeansSelf => !denied,
                    "own" => code is "FORBIDDEN" or "NOT_FOUND" || (column == "anonymous" && code == "UNAUTHENTICATED"),
                    _ => code == expectedDenial,
                };
                if (!ok) problems.Add($"{field.Name} as {column}: cell '{cell}' but got {code ?? "success"}: {response.Body}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
