using JasperFx.Events.Projections;
using Marten;
using Platform.Projections.Analytics;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using Platform.Projections.Engagement;
using Platform.Projections.Identity;
using Platform.Projections.Social;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;
using Platform.Projections.Search;

namespace Platform.Projections;

public static class ProjectionsConfiguration
{
    /// <summary>Registers every read model: async ones run by the daemon, inline ones where a command's caller must see its effect at once.</summary>
    /// <param name="clock">Tells live feed notices from replayed history; projections never read the clock themselves.</param>
    /// <param name="embeddedFeeds">Whether feeds live here (the embedded provider) rather than at Stream.</param>
    public static StoreOptions AddPlatformProjections(this StoreOptions options, bool embeddedFeeds, TimeProvider clock)
    {
        options.Projections.Add<UserAccountProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<InvitationViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<CourseOutlineProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<CourseOutline>().Index(c => c.CommunityId).GinIndexJsonData();
        options.Projections.Add(new OutlinePlacementProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add<EnrolmentViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<EnrolmentView>().Index(e => e.UserId).Index(e => e.CourseId).Index(e => e.EnrolledAt).Index(e => e.CertificateId!);
        options.Projections.Add<QuizResultsProjection>(ProjectionLifecycle.Async);
        options.Schema.For<WatchProgress>().Index([w => w.UserId, w => w.CourseId]);
        options.Schema.For<InvitationView>().UniqueIndex(i => i.TokenHash).Index(i => i.CommunityId);
        options.Schema.For<UserAccount>().UniqueIndex(u => u.Handle).Index(u => u.SearchText).Index(u => u.RegisteredAt);
        options.Projections.Add<ProductViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ProductView>().Index(p => p.ProductId);
        options.Projections.Add<PurchaseViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<PurchaseView>().Index(p => p.BuyerId).Index(p => p.CreatorId).Index(p => p.CreatedAt).Index(p => p.ProviderPaymentId!)
            .Index(p => p.HasPendingRefund).Index(p => p.HasOpenDispute);
        options.Projections.Add<SubscriptionViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<SubscriptionView>().Index(s => s.BuyerId);
        options.Projections.Add<PayoutAccountViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<PayoutViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<PayoutView>().Index(p => p.CreatorId).Index(p => p.CreatedAt);
        options.Projections.Add<LedgerProjection>(ProjectionLifecycle.Async);
        options.Schema.For<LedgerLine>().Identity(l => l.Id).Index(l => l.Position).Index(l => l.CreatorId!).Index(l => l.PurchaseId!)
            .Index(l => l.DebitAccount).Index(l => l.CreditAccount).Index(l => l.At);
        // The card counts every join of its community: inline, concurrent joins would race on one row, so it stays async and
        // its readers wait for their own writes (ReadYourWrites). A membership has one stream, guarded by its version: inline.
        options.Projections.Add<CommunityCardProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<MembershipViewProjection>(ProjectionLifecycle.Inline);
        // Visibility: every feed page lists the private communities (SocialAccess.HiddenCommunities).
        options.Schema.For<CommunityCard>().UniqueIndex(c => c.Slug).Index(c => c.Sequence).Index(c => c.DiscoveryRank).Index(c => c.ParentId)
            .Index(c => c.Visibility);
        options.Schema.For<MembershipView>().Index(m => m.CommunityId).Index(m => m.UserId).Index(m => m.ChangedAt);
        options.Projections.Add<PostViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<PostView>().Index(p => p.CommunityId).Index(p => p.CreatedAt).GinIndexJsonData();
        options.Projections.Add<ReactionViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ReactionView>().Index(r => r.PostId);
        options.Projections.Add<FollowViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<FollowView>().Index(f => f.FollowerId).Index(f => f.TargetId);
        options.Projections.Add<PointRulesViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add(new PointLedgerProjection(), ProjectionLifecycle.Inline);
        // Real columns for the sums behind levels and boards; withdrawn lines are patched in the JSON only.
        options.Schema.For<PointEntry>().Duplicate(e => e.CommunityId).Duplicate(e => e.UserId).Duplicate(e => e.At).Duplicate(e => e.Points)
            .Index(e => e.FromUserId!).Index(e => e.PostId!)
            // The standings sum (every level check, every board) reads a standing line's user, points and time from this index
            // alone: neither the row nor its JSON, however many lines the member or the community holds.
            .Index([e => e.CommunityId, e => e.UserId], index =>
            {
                index.Name = "mt_doc_pointentry_idx_standing";
                index.IncludeColumns = ["points", "at"];
                index.Predicate = "(data ->> 'WithdrawnAt') is null";
            });
        if (embeddedFeeds) options.Projections.Add(new FeedProjection(clock), ProjectionLifecycle.Async);
        // Real columns for the feed read's keyset: one index on (feed, time, id, community) serves every feed and each
        // timeline source, and answers the merge from the index alone (see docs/feeds.md).
        options.Schema.For<FeedEntry>().Duplicate(f => f.Feed).Duplicate(f => f.Time).Duplicate(f => f.CommunityId)
            .Index([f => f.Feed, f => f.Time, f => f.Id, f => f.CommunityId!], index => index.Name = "mt_doc_feedentry_idx_feed_time_id");
        options.Schema.For<FeedFollow>().Index(f => f.Follower);
        options.Schema.For<CourseLearner>().Index(l => l.CourseId);
        options.Projections.Add<SearchEntryProjection>(ProjectionLifecycle.Async);
        // The search query filters with this same expression (see Platform.Api.Search), so this index serves it; pg_trgm gives typo tolerance.
        options.Schema.For<SearchEntry>().FullTextIndex("english", e => e.Title, e => e.Body).Index(e => e.CommunityId!);
        options.Storage.ExtendedSchemaObjects.Add(new Weasel.Postgresql.Extension("pg_trgm"));
        // Analytics (ANLY, CDSH): facts replayed from the events, async and rebuildable; the fee policy inline, as checkouts read it.
        options.Projections.Add<FeePolicyViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<SaleFactsProjection>(ProjectionLifecycle.Async);
        options.Schema.For<SaleFacts>().Index(s => s.CommunityId);
        options.Projections.Add<SubscriptionFactsProjection>(ProjectionLifecycle.Async);
        options.Schema.For<SubscriptionFacts>().Index(s => s.CommunityId);
        options.Projections.Add<EnrolmentFactsProjection>(ProjectionLifecycle.Async);
        options.Schema.For<EnrolmentFacts>().Index(e => e.CourseId);
        options.Projections.Add(new MemberChangeProjection(), ProjectionLifecycle.Async);
        options.Schema.For<MemberChange>().Index(m => m.CommunityId);
        ReadInLargerPages(options);
        // A rebuild's pure inserts (MemberChange: one row per membership event) go through COPY instead of one INSERT each.
        options.Projections.RebuildWithBulkCopy = true;
        return options;
    }

    /// <summary>
    /// A rebuild reads every event its projections consume; Marten's 500 events per page cost a page query, a document load and
    /// a commit each (2,000 of them per projection over 1M events). Larger pages and a hopper to hold two of them; aggregates
    /// written once per flush window in a rebuild rather than once per page they appear in (a community card gains members
    /// on nearly every page). Live catch-up reads what is there, so it seldom fills a page anyway.
    /// </summary>
    private static void ReadInLargerPages(StoreOptions options)
    {
        foreach (var projection in options.Projections.All.OfType<JasperFx.Events.Projections.ProjectionBase>())
        {
            projection.Options.BatchSize = PageSize;
            projection.Options.MaximumHopperSize = 2 * PageSize;
            projection.Options.RebuildFlushThreshold = 10_000;
        }
    }

    private const int PageSize = 2_500;
}
