using Marten;
using Platform.Api.Commerce;
using Platform.Api.Communities;
using Platform.Api.Courses;
using Platform.Api.Files;
using Platform.Api.Identity;
using Platform.Api.Social;
using Platform.Api.Video;
using Platform.Api.Chat;
using Platform.Api.Help;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Files;
using Platform.Contracts.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Communities;
using Platform.Projections.Identity;
using Wolverine;
using Platform.Projections.Payouts;
using Platform.Api.Payouts;

namespace Platform.Api.Infrastructure;

/// <summary>Marks that the demo data was loaded, so a restart keeps the data and loads nothing twice.</summary>
public sealed record DemoDataLoaded(string Id, DateTimeOffset At);

/// <summary>
/// Demo data for <c>./platform up</c>, loaded once through the same commands a client sends.
/// Its people are the embedded issuer's subjects, so <c>./platform token --user alice</c> signs in as Alice.
/// </summary>
public sealed class DemoData(IDocumentStore store, IServiceScopeFactory scopes, ILogger<DemoData> logger) : IHostedService
{
    /// <summary>alice: admin and creator; bob: creator; carol: moderator; dave, frank: members; erin: finance.</summary>
    public static readonly (string Subject, string Name, RoleGrant[] Seeds)[] People =
    [
        ("alice", "Alice Martin", [new RoleGrant(Role.Admin, null)]),
        ("bob", "Bob Okafor", []),
        ("carol", "Carol Nguyen", []),
        ("dave", "Dave Schmidt", []),
        ("erin", "Erin Walsh", [new RoleGrant(Role.Finance, null)]),
        ("frank", "Frank Ivers", []),
    ];

    public static Guid UserId(string subject) => DeterministicId.From("user", EmbeddedIssuer.Issuer, subject);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var query = store.QuerySession())
            if (await query.LoadAsync<DemoDataLoaded>("demo", cancellationToken) is not null) return;

        Audit.AuditContext.Enter("demo-data", actor: "system:demo-data"); // the audit trail says where these events came from
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        foreach (var (subject, name, seeds) in People)
            await Step(() => bus.InvokeAsync(new RegisterUser(UserId(subject), EmbeddedIssuer.Issuer, subject, subject, name, $"{subject}@example.test", seeds),
                cancellationToken));

        var alice = UserId("alice");
        var bob = UserId("bob");
        var communities = new[]
        {
            new CreateCommunity(DeterministicId.From("demo", "community", "guitar"), "Guitar Builders", "guitar-builders",
                "Build your first acoustic guitar, from wood selection to the final setup.", CommunityVisibility.Public, JoinPolicy.Open, alice),
            new CreateCommunity(DeterministicId.From("demo", "community", "founders"), "Bootstrapped Founders", "bootstrapped-founders",
                "Founders who grow without outside money share numbers, playbooks and wins.", CommunityVisibility.Public, JoinPolicy.Approval, bob),
            new CreateCommunity(DeterministicId.From("demo", "community", "inner"), "Inner Circle", "inner-circle",
                "Alice's private mastermind.", CommunityVisibility.Private, JoinPolicy.Approval, alice),
        };
        foreach (var community in communities) await Step(() => bus.InvokeAsync<CommunityCard>(community, cancellationToken));
        var (guitar, founders, inner) = (communities[0].CommunityId, communities[1].CommunityId, communities[2].CommunityId);
        var archtops = DeterministicId.From("demo", "community", "archtops");
        await Step(() => bus.InvokeAsync<CommunityCard>(new CreateCommunity(archtops, "Archtop Builders", "archtop-builders",
            "Carved tops and f-holes: the Guitar Builders' archtop corner.", CommunityVisibility.Public, JoinPolicy.Approval, alice, guitar),
            cancellationToken));

        // Members in every state: active, pending, rejected, left and banned, in a community and a sub-community.
        foreach (var subject in new[] { "bob", "carol", "dave", "erin", "frank" })
            await Step(() => bus.InvokeAsync(new JoinCommunity(guitar, UserId(subject)), cancellationToken));
        await Step(() => bus.InvokeAsync(new GrantRole(UserId("carol"), Role.Moderator, guitar, "Runs the build-along threads", alice), cancellationToken));
        await Step(() => bus.InvokeAsync(new LeaveCommunity(guitar, UserId("erin")), cancellationToken));
        await Step(() => bus.InvokeAsync(new BanMember(guitar, UserId("frank"), "Posted the same advert in every thread", UserId("carol")), cancellationToken));
        foreach (var subject in new[] { "carol", "dave" })
            await Step(() => bus.InvokeAsync(new JoinCommunity(archtops, UserId(subject)), cancellationToken));
        await Step(() => bus.InvokeAsync(new ApproveJoinRequest(DeterministicId.Membership(archtops, UserId("carol")), alice), cancellationToken));
        foreach (var subject in new[] { "carol", "dave", "erin" })
            await Step(() => bus.InvokeAsync(new JoinCommunity(founders, UserId(subject)), cancellationToken));
        await Step(() => bus.InvokeAsync(new ApproveJoinRequest(DeterministicId.Membership(founders, UserId("carol")), bob), cancellationToken));
        await Step(() => bus.InvokeAsync(new RejectJoinRequest(DeterministicId.Membership(founders, UserId("dave")), bob), cancellationToken));
        // A fixed token, so a resumed load finds the same invitation (demo data only).
        var invitation = new InviteMember(DeterministicId.From("demo", "invitation", "bob"), inner, "bob@example.test", "demo-invitation-for-bob", alice);
        await Step(() => bus.InvokeAsync(invitation, cancellationToken));
        await Step(() => bus.InvokeAsync<Guid>(new AcceptInvite(invitation.Token, bob), cancellationToken));

        // A published course in Guitar Builders.
        var course = DeterministicId.From("demo", "course", "first-guitar");
        var (wood, top) = (DeterministicId.From("demo", "module", "wood"), DeterministicId.From("demo", "module", "top"));
        await Step(() => bus.InvokeAsync(new CreateCourse(course, guitar, "Your first acoustic guitar",
            "Eight weekends from a stack of wood to a playable dreadnought.", CourseAccess.Free, null, alice), cancellationToken));
        await Step(() => bus.InvokeAsync(new AddModule(course, wood, "Choosing the wood", alice), cancellationToken));
        await Step(() => bus.InvokeAsync(new AddModule(course, top, "Top and bracing", alice), cancellationToken));
        AddLesson Lesson(Guid module, string key, string title, int? dripDays) =>
            new(module, DeterministicId.From("demo", "lesson", key), title, $"# {title}\n\nNotes, photos and a materials list.", dripDays, null, alice);
        var lessons = new[]
        {
            Lesson(wood, "spruce", "Spruce, cedar and what they sound like", null),
            Lesson(wood, "moisture", "Moisture, stability and the humidity box", null),
            Lesson(top, "bracing", "X bracing, step by step", 7),
        };
        foreach (var lesson in lessons) await Step(() => bus.InvokeAsync(lesson, cancellationToken));
        await AttachDemoVideo(scope.ServiceProvider, bus, lessons[0].LessonId, alice, cancellationToken);
        var welcomePhoto = await LoadFiles(scope.ServiceProvider, bus, lessons[2], cancellationToken);
        await using (var check = store.QuerySession())
            if ((await Courses.OutlineCache.Load(check, course, cancellationToken))?.IsPublished != true)
                await Step(() => bus.InvokeAsync(new PublishCourse(course, alice), cancellationToken));

        await LoadLevelCourse(bus, guitar, cancellationToken);
        await LoadSocial(bus, guitar, course, welcomePhoto, cancellationToken);
        await LoadDavesOwnActivity(bus, course, cancellationToken);
        await LoadPurchases(scope.ServiceProvider, bus, guitar, cancellationToken);

        await using var session = store.LightweightSession();
        session.Store(new DemoDataLoaded("demo", DateTimeOffset.UtcNow));
        await session.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Loaded demo data: {Communities} communities and {People} people", communities.Length + 1, People.Length);
    }

    /// <summary>
    /// Level names and a LEVEL course in Guitar Builders, published before the likes: Dave's likes take him to level 2, which
    /// unlocks it for him; Bob stays at level 1 and finds it locked.
    /// </summary>
    private async Task LoadLevelCourse(IMessageBus bus, Guid guitar, CancellationToken cancellation)
    {
        var alice = UserId("alice");
        await Step(() => bus.InvokeAsync(new SetLevelNames(guitar, ["Sawdust", "Apprentice", "Journeyman", "Luthier", "Master luthier"], alice), cancellation));
        var course = DeterministicId.From("demo", "course", "fretwork");
        var module = DeterministicId.From("demo", "module", "fretwork");
        await Step(() => bus.InvokeAsync(new CreateCourse(course, guitar, "Fret work for regulars",
            "Levelling, crowning and polishing frets: unlocks at level 2.", CourseAccess.Level, 2, alice), cancellation));
        await Step(() => bus.InvokeAsync(new AddModule(course, module, "Frets", alice), cancellation));
        await Step(() => bus.InvokeAsync(new AddLesson(module, DeterministicId.From("demo", "lesson", "crowning"), "Crowning without a crowning file",
            "# Crowning\n\nMark the tops with a marker and file until the line is thin.", null, null, alice), cancellation));
        await using var check = store.QuerySession();
        if ((await Courses.OutlineCache.Load(check, course, cancellation))?.IsPublished != true)
            await Step(() => bus.InvokeAsync(new PublishCourse(course, alice), cancellation));
    }

    /// <summary>
    /// Posts, comments, replies, likes and follows in Guitar Builders, so every feed has something in it. The likes leave
    /// Dave at level 2 (5 points) and Bob at level 1 (1 point); Alice (the creator) and Carol (a moderator) are not ranked.
    /// </summary>
    private static async Task LoadSocial(IMessageBus bus, Guid guitar, Guid course, Guid welcomePhoto, CancellationToken cancellation)
    {
        Guid Id(string kind, string key) => DeterministicId.From("demo", kind, key);
        var (alice, bob, carol, dave) = (UserId("alice"), UserId("bob"), UserId("carol"), UserId("dave"));
        var (welcome, glue) = (Id("post", "welcome"), Id("post", "glue"));
        await Step(() => bus.InvokeAsync(new CreatePost(welcome, guitar, null, "Welcome to Guitar Builders",
            "Introduce yourself and your first build. @carol runs the build-along threads; @dave is starting his first dreadnought.", "announcements", alice,
            [welcomePhoto]),
            cancellation));
        await Step(() => bus.InvokeAsync(new CreatePost(glue, guitar, course, "Hide glue or titebond for the bracing?",
            "I'm about to glue the X brace. Which glue, and why?", "questions", dave), cancellation));
        var (answer, thanks, hello) = (Id("comment", "hide-glue"), Id("comment", "thanks"), Id("comment", "hello"));
        await Step(() => bus.InvokeAsync(new AddComment(glue, answer, null, "Hide glue: it sets hard and can be undone with heat.", carol), cancellation));
        await Step(() => bus.InvokeAsync(new AddComment(glue, thanks, answer, "Thanks! Hide glue it is.", dave), cancellation));
        await Step(() => bus.InvokeAsync(new AddComment(welcome, hello, null, "Hello from Berlin, building a parlour guitar.", bob), cancellation));
        foreach (var (target, user) in new[]
                 {
                     (welcome, bob), (welcome, dave), (glue, alice), (answer, dave), (glue, bob), (glue, carol), (thanks, alice), (thanks, bob), (hello, dave),
                 })
            await Step(() => bus.InvokeAsync(new React(target, ReactionKind.Like, user), cancellation));
        foreach (var (follower, target) in new[] { (dave, alice), (dave, carol), (bob, guitar) })
            await Step(() => bus.InvokeAsync(new Follow(target, follower), cancellation));
    }

    /// <summary>
    /// Everyone's avatar, a worksheet on the bracing lesson and the photo for Alice's welcome post (returned), drawn here and
    /// uploaded the way a browser does: the request, the bytes to the store, the completion (which checks them and queues the variants).
    /// </summary>
    private static async Task<Guid> LoadFiles(IServiceProvider services, IMessageBus bus, AddLesson worksheetLesson, CancellationToken cancellation)
    {
        var store = services.GetRequiredService<IFileStore>();
        async Task<Guid> Upload(string key, FilePurpose purpose, string fileName, string contentType, byte[] bytes, Guid uploader)
        {
            var fileId = DeterministicId.From("demo", "file", key);
            await Step(() => bus.InvokeAsync<FileUploadTarget>(new RequestFileUpload(fileId, purpose, fileName, contentType, bytes.Length, uploader), cancellation));
            await store.Write(ObjectKeys.Original(fileId), bytes, contentType, cancellation);
            await Step(async () =>
            {
                if (await bus.InvokeAsync<string?>(new CompleteFileUpload(fileId, uploader), cancellation) is { } refusal)
                    throw new InvalidOperationException($"The demo file {fileName} was refused: {refusal}");
            });
            return fileId;
        }

        foreach (var (index, (subject, _, _)) in People.Index())
        {
            var avatar = await Upload($"avatar-{subject}", FilePurpose.Avatar, $"{subject}.png", "image/png", DemoImages.Avatar(index), UserId(subject));
            await Step(() => bus.InvokeAsync(new UpdateProfile(UserId(subject), null, null, null, avatar), cancellation));
        }
        var worksheet = await Upload("bracing-worksheet", FilePurpose.LessonAttachment, "x-bracing.pdf", "application/pdf", DemoImages.BracingWorksheet(),
            worksheetLesson.AddedBy);
        var lesson = worksheetLesson;
        await Step(() => bus.InvokeAsync(new UpdateLesson(lesson.LessonId, lesson.Title, lesson.Body, lesson.DripDays, lesson.DripAt, false, lesson.AddedBy,
            [worksheet]), cancellation));
        return await Upload("welcome-photo", FilePurpose.PostImage, "workbench.jpg", "image/jpeg", DemoImages.Workbench(), UserId("alice"));
    }

    /// <summary>
    /// Dave's progress in the free course, a direct conversation with Carol and a support ticket with a public answer and a
    /// staff note: with his posts, comments and purchase, Dave has something in every category of a personal data export,
    /// beside other people's words (Carol's reply, the staff note) that the export must leave out.
    /// </summary>
    private async Task LoadDavesOwnActivity(IMessageBus bus, Guid course, CancellationToken cancellation)
    {
        Guid Id(string kind, string key) => DeterministicId.From("demo", kind, key);
        var (alice, carol, dave) = (UserId("alice"), UserId("carol"), UserId("dave"));
        await Step(() => bus.InvokeAsync(new EnrolFree(course, dave), cancellation));
        await Step(() => bus.InvokeAsync(new CompleteLesson(Id("lesson", "moisture"), course, dave), cancellation));
        await Step(() => bus.InvokeAsync(new SendMessage(Id("message", "dave-asks"), new SendMessageInput(null, carol, null,
            "Could you look at my X brace photos before I glue it?"), dave), cancellation));
        await Step(() => bus.InvokeAsync(new SendMessage(Id("message", "carol-answers"), new SendMessageInput(null, dave, null,
            "Sure, send them over. The rear leg looks a touch long."), carol), cancellation));
        var ticket = Id("ticket", "dave-receipt");
        await using (var check = store.QuerySession())
            if (await check.Events.FetchStreamStateAsync(ticket, cancellation) is not null) return; // its replies are appended once
        await Step(() => bus.InvokeAsync(new OpenTicket(ticket, new OpenTicketInput("Receipt for my course",
            "Can I get a receipt with my workshop's address on it?", Contracts.Help.TicketCategory.Payment, null), dave), cancellation));
        await Step(() => bus.InvokeAsync(new ReplyToTicket(ticket, Id("reply", "dave-receipt-note"),
            "Checked with finance: receipts can carry a company address.", true, alice), cancellation));
        await Step(() => bus.InvokeAsync(new ReplyToTicket(ticket, Id("reply", "dave-receipt-answer"),
            "Yes: add the address under your purchases and download the receipt again.", false, alice), cancellation));
    }

    /// <summary>
    /// With the local provider: Alice's payout account, a PAID course, Dave's purchase of it and Bob's, both partly refunded.
    /// The purchases go through checkout and the local test card, as a buyer's would.
    /// </summary>
    private async Task LoadPurchases(IServiceProvider services, IMessageBus bus, Guid guitar, CancellationToken cancellation)
    {
        if (services.GetRequiredService<PaymentOptions>().Provider != LocalPaymentProvider.ProviderName) return;
        var context = services.GetRequiredService<IMessageContext>();
        var alice = UserId("alice");
        var link = await bus.InvokeAsync<PayoutOnboardingLink>(new StartPayoutOnboarding(alice), cancellation);
        await using (var query = store.QuerySession())
            if (await query.LoadAsync<PayoutAccountView>(link.AccountId, cancellation) is { ChargesEnabled: false } account)
                await LocalPayments.CompleteOnboarding(context, account, DateTimeOffset.UtcNow, cancellation);

        var course = DeterministicId.From("demo", "course", "setup");
        var module = DeterministicId.From("demo", "module", "setup");
        await Step(() => bus.InvokeAsync(new CreateCourse(course, guitar, "Setup masterclass",
            "Action, relief and intonation: make any guitar play like a dream.", CourseAccess.Paid, null, alice), cancellation));
        await Step(() => bus.InvokeAsync(new AddModule(course, module, "The setup, in order", alice), cancellation));
        await Step(() => bus.InvokeAsync(new AddLesson(module, DeterministicId.From("demo", "lesson", "relief"), "Neck relief and the truss rod",
            "# Neck relief\n\nMeasure at the 7th fret with a capo at the 1st and the 14th fretted.", null, null, alice), cancellation));
        await using (var check = store.QuerySession())
            if (await check.LoadAsync<Projections.Commerce.ProductView>(DeterministicId.Product(course), cancellation) is null)
                await bus.InvokeAsync(new SetPrice(course, DeterministicId.From("demo", "price", "setup"), 4900, "eur", Contracts.Commerce.PriceInterval.OneTime, 0,
                    null, alice), cancellation);
        await using (var check = store.QuerySession())
            if ((await Courses.OutlineCache.Load(check, course, cancellation))?.IsPublished != true)
                await Step(() => bus.InvokeAsync(new PublishCourse(course, alice), cancellation));

        foreach (var buyer in new[] { "dave", "bob" })
        {
            var purchaseId = DeterministicId.From("demo", "purchase", buyer);
            await Step(() => bus.InvokeAsync<Guid>(new StartCheckout(purchaseId, course, null, null, UserId(buyer)), cancellation));
            await using var query = store.QuerySession();
            if (await query.LoadAsync<Projections.Commerce.PurchaseView>(purchaseId, cancellation) is { IsPaid: false } purchase)
                await LocalPayments.Pay(context, purchase, LocalPaymentOutcome.Succeeded, DateTimeOffset.UtcNow, cancellation);
        }
        foreach (var (buyer, amount, reason) in new[]
                 {
                     ("bob", 1500L, "Bought the wrong edition; refunded the difference"),
                     ("dave", 900L, "The relief lesson's video was missing for a week"),
                 })
            await Step(() => bus.InvokeAsync(new RefundPurchase(DeterministicId.From("demo", "purchase", buyer), DeterministicId.From("demo", "refund", buyer),
                amount, reason, alice), cancellation));
    }

    /// <summary>With the local provider, the first lesson gets a small video made here, through the upload path's own steps.</summary>
    private async Task AttachDemoVideo(IServiceProvider services, IMessageBus bus, Guid lessonId, Guid creator, CancellationToken cancellation)
    {
        if (services.GetRequiredService<IVideoProvider>() is not LocalVideoProvider local) return;
        await using (var check = store.QuerySession())
            if ((await CourseReads.CourseContaining(check, lessonId, cancellation))?.Draft
                .SelectMany(m => m.Lessons).Any(l => l.Id == lessonId && l.Video is not null) == true) return;
        var bytes = DemoVideo.ColourBars();
        var videoId = DeterministicId.From("demo", "video", "spruce");
        await bus.InvokeAsync<VideoUpload>(new RequestVideoUpload(lessonId, videoId, "colour-bars.avi", bytes.Length, creator), cancellation);
        var path = local.PathOf(videoId.ToString());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, cancellation);
        await bus.InvokeAsync(new VideoProcessed(videoId, true, null), cancellation);
    }

    /// <summary>
    /// Every step has fixed ids: after an interrupted first start (or beside a second node loading too), a step that
    /// already happened is refused as a conflict and skipped, so the load resumes where it stopped.
    /// </summary>
    private static async Task Step(Func<Task> step)
    {
        try { await step(); }
        catch (Exception e) when (e is DomainException { Code: ErrorCodes.Conflict } or Marten.Exceptions.ExistingStreamIdCollisionException
                                  || Failures.IsUniqueViolation(e)) { }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class DemoDataConfiguration
{
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Platform:DemoData", false)) builder.Services.AddHostedService<DemoData>();
        return builder;
    }
}
