using GraphQL.Types;

namespace Platform.Api.Engagement.Graph;

public sealed class MemberLevelGraphType : ObjectGraphType<MemberLevel>
{
    public MemberLevelGraphType()
    {
        Name = "MemberLevel";
        Description = "A member's level in a community, shown beside their name.";
        Field(l => l.Level);
        Field(l => l.Name);
    }

    /// <summary>The field that puts the level beside a name: on memberships, posts and comments.</summary>
    public static void AddTo<TSource>(ObjectGraphType<TSource> type, string name, Func<TSource, (Guid CommunityId, Guid UserId)> member) =>
        type.Field<NonNullGraphType<MemberLevelGraphType>>(name)
            .Description("The member's level in the community.")
            .ResolveAsync(async c =>
            {
                var (communityId, userId) = member(c.Source);
                return await c.RequestServices!.GetRequiredService<MemberLevels>().Of(communityId, userId, c.CancellationToken);
            });
}
