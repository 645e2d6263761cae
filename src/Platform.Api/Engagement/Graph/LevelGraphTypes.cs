using GraphQL.Types;
using Platform.Api.Identity;
using Platform.Api.Identity.Graph;

namespace Platform.Api.Engagement.Graph;

public sealed class LevelInfoGraphType : ObjectGraphType<LevelInfo>
{
    public LevelInfoGraphType()
    {
        Name = "LevelInfo";
        Field(l => l.Level);
        Field(l => l.Name);
        Field(l => l.MinPoints);
    }
}

public sealed class MyLevelGraphType : ObjectGraphType<MyLevel>
{
    public MyLevelGraphType()
    {
        Name = "MyLevel";
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field(l => l.Points).Description("Standing points, summed from the ledger.");
        Field(l => l.Level);
        Field(l => l.LevelName);
        Field(l => l.PointsToNextLevel, nullable: true).Description("Null at level 9.");
        Field(l => l.HighestLevel).Description("The highest level ever reached: LEVEL courses up to it stay unlocked even if points drop later.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("unlockedCourseIds").Resolve(c => c.Source.UnlockedCourses);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LevelInfoGraphType>>>>("levels").Resolve(c => c.Source.Levels);
        Field<NonNullGraphType<PointRulesGraphType>>("rules").Description("The rules in force now.").Resolve(c => c.Source.Rules);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PointEntryGraphType>>>>("recent")
            .Description("The latest point lines, newest first, with their reasons (who liked what).").Resolve(c => c.Source.Recent);
    }
}

public sealed class LeaderboardEntryGraphType : ObjectGraphType<LeaderboardEntry>
{
    public LeaderboardEntryGraphType()
    {
        Name = "LeaderboardEntry";
        Field(e => e.Rank, nullable: true).Description("Null for staff, who are not ranked.");
        Field<NonNullGraphType<IdGraphType>>("userId").Resolve(c => c.Source.UserId);
        Field<UserGraphType>("user").ResolveAsync(async c => await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.UserId, c.CancellationToken));
        Field(e => e.Points).Description("Points earned in the window.");
        Field(e => e.Level).Description("The member's level (from all their points).");
        Field(e => e.LevelName);
    }
}

public sealed class LeaderboardGraphType : ObjectGraphType<Leaderboard>
{
    public LeaderboardGraphType()
    {
        Name = "Leaderboard";
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field<NonNullGraphType<EnumerationGraphType<LeaderboardWindow>>>("window").Resolve(c => c.Source.Window);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LeaderboardEntryGraphType>>>>("entries").Resolve(c => c.Source.Entries);
        Field<NonNullGraphType<LeaderboardEntryGraphType>>("me").Description("The caller's own place, even outside the first N.").Resolve(c => c.Source.Me);
    }
}

public sealed class RulesPreviewMemberGraphType : ObjectGraphType<PreviewMember>
{
    public RulesPreviewMemberGraphType()
    {
        Name = "RulesPreviewMember";
        Field<NonNullGraphType<IdGraphType>>("userId").Resolve(c => c.Source.UserId);
        Field<UserGraphType>("user").ResolveAsync(async c => await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.UserId, c.CancellationToken));
        Field(m => m.PointsBefore);
        Field(m => m.PointsAfter);
        Field(m => m.LevelBefore);
        Field(m => m.LevelAfter);
        Field(m => m.RankBefore, nullable: true).Description("All-time rank; null for staff.");
        Field(m => m.RankAfter, nullable: true);
    }
}

public sealed class RulesPreviewGraphType : ObjectGraphType<RulesPreview>
{
    public RulesPreviewGraphType()
    {
        Name = "RulesPreview";
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field<NonNullGraphType<PointRulesGraphType>>("current").Resolve(c => c.Source.Current);
        Field<NonNullGraphType<PointRulesGraphType>>("proposed").Resolve(c => c.Source.Proposed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RulesPreviewMemberGraphType>>>>("members")
            .Description("Everyone with points before or after, by all-time rank after the change.").Resolve(c => c.Source.Members);
    }
}
