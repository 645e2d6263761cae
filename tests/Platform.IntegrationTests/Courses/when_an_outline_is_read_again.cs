using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Courses;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Courses;

/// <summary>The node keeps the outlines it read and takes the document again only when its version changed.</summary>
public sealed class when_an_outline_is_read_again(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly Classroom classroom = new(app);

    [Fact]
    public async Task an_unchanged_outline_is_the_one_held_and_an_edited_one_is_read_afresh()
    {
        var built = await classroom.Course(["Sharpening", "Honing"]);
        var courseId = Guid.Parse(built.Course);
        await using var reads = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();

        var first = await OutlineCache.Load(reads, courseId, CancellationToken.None);
        var again = await OutlineCache.Load(reads, courseId, CancellationToken.None);
        await app.Client(built.Creator).Data("mutation($c: ID!) { updateCourse(courseId: $c, input: { title: \"Edge tools\", description: \"Stones\" }) { id } }",
            new { c = built.Course });
        var batch = reads.CreateBatchQuery();
        var loadingEdited = OutlineCache.Load(batch, reads, courseId);
        var loadingUnknown = OutlineCache.Load(batch, reads, Guid.NewGuid());
        await batch.Execute();
        var edited = await loadingEdited;

        Assert.NotNull(first);
        Assert.NotSame(first, again); // an instance per read, over the same structure
        Assert.Same(first.Published, again!.Published);
        Assert.Equal(["Sharpening", "Honing"], first.Published!.SelectMany(m => m.Lessons).Select(l => l.Title));
        Assert.NotSame(first.Published, edited!.Published);
        Assert.Equal("Edge tools", edited.Title);
        Assert.Same(edited.Published, (await OutlineCache.Load(reads, courseId, CancellationToken.None))!.Published);
        Assert.Null(await loadingUnknown);
    }
}
