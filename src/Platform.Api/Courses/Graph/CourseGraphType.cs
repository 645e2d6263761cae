using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Contracts.Video;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses.Graph;

public sealed class CourseGraphType : ObjectGraphType<CourseOutline>
{
    public CourseGraphType()
    {
        Name = "Course";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field(c => c.Title);
        Field(c => c.Description);
        Field<NonNullGraphType<EnumerationGraphType<CourseAccess>>>("access").Resolve(c => c.Source.Access);
        Field(c => c.UnlockLevel, nullable: true);
        Field<NonNullGraphType<BooleanGraphType>>("published").Description("Open for enrolment and discovery.").Resolve(c => c.Source.IsPublished);
        Field<NonNullGraphType<BooleanGraphType>>("archived").Description("Unpublished for good; enrolled learners keep it.").Resolve(c => c.Source.ArchivedAt is not null);
        Field(c => c.RequiredWatchPercent, nullable: true).Description("A lesson with a video completes only after the learner watched this share of it.");
        Field<CourseLockGraphType>("lock").Description("What the caller must do before learning the course; null once they can (enrolled, or its builder).")
            .ResolveAsync(async c => await CourseReads.LockFor(c, c.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("whatsNew")
            .Description("What the last publish changed for learners already enrolled: new, updated and removed lessons and modules.").Resolve(c => c.Source.WhatsNew);
        Field<Commerce.Graph.PriceGraphType>("price").Description("What a PAID course costs now; buy it with startCheckout.")
            .ResolveAsync(async c => await Commerce.CommerceReads.PriceOf(c, c.Source.Id));
        Field(c => c.PublishedAt, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleGraphType>>>>("modules")
            .Description("The structure learners see: the outline as it was last published (kept for enrolled learners after unpublishing), locked or not for the caller.")
            .ResolveAsync(async c => await CourseReads.ForCaller(c, c.Source.Published ?? []));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleGraphType>>>>("draft")
            .Description("The outline being edited; publishCourse releases it.")
            .AllowOwn(CoursesAccess.Builder, SignedIn)
            .ResolveAsync(async c => await CourseReads.ForCaller(c, c.Source.Draft));
        Field<EnrolmentGraphType>("viewerEnrolment").Description("The caller's enrolment, if any.")
            .ResolveAsync(async c => await CourseReads.ViewerEnrolment(c, c.Source));
    }
}
