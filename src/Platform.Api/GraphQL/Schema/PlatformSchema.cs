using GraphQL.Types;
using Platform.Api.Analytics;
using Platform.Api.Audit;
using Platform.Api.Calendar;
using Platform.Api.Chat;
using Platform.Api.Help;
using Platform.Api.Privacy;
using Platform.Api.Commerce;
using Platform.Api.Communities;
using Platform.Api.Courses;
using Platform.Api.Engagement;
using Platform.Api.Files;
using Platform.Api.Identity;
using Platform.Api.Social;
using Platform.Api.Video;
using Platform.Api.Ledger;
using Platform.Api.Payouts;
using Platform.Api.Mail;
using Platform.Api.Search;
using Platform.Api.Moderation;
using Platform.Api.Admin;

namespace Platform.Api.GraphQL.Schema;

public sealed class PlatformSchema : global::GraphQL.Types.Schema
{
    public PlatformSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        // What graphql-js's standard introspection query asks for with its full options (GraphiQL, graphql-codegen).
        Features.RepeatableDirectives = true;
    }
}

/// <summary>Root types: each module adds its own fields.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        this.AddIdentityQueries();
        this.AddCommunityQueries();
        this.AddCourseQueries();
        this.AddSocialQueries();
        this.AddEngagementQueries();
        this.AddCommerceQueries();
        this.AddPayoutsQueries();
        this.AddLedgerQueries();
        this.AddAuditQueries();
        this.AddMailQueries();
        this.AddSearchQueries();
        this.AddCalendarQueries();
        this.AddChatQueries();
        this.AddHelpQueries();
        this.AddModerationQueries();
        this.AddAnalyticsQueries();
        this.AddFilesQueries();
        this.AddAdminQueries();
    }
}

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        this.AddIdentityMutations();
        this.AddCommunityMutations();
        this.AddCourseMutations();
        this.AddVideoMutations();
        this.AddSocialMutations();
        this.AddEngagementMutations();
        this.AddCommerceMutations();
        this.AddMailMutations();
        this.AddCalendarMutations();
        this.AddChatMutations();
        this.AddHelpMutations();
        this.AddModerationMutations();
        this.AddAnalyticsMutations();
        this.AddPrivacyMutations();
        this.AddFilesMutations();
        this.AddAdminMutations();
    }
}

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        this.AddCommunitySubscriptions();
        this.AddSocialSubscriptions();
        this.AddChatSubscriptions();
        this.AddModerationSubscriptions();
    }
}
