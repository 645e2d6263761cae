using Marten;
using Platform.Api.Identity;
using Platform.Api.Social;
using Platform.Contracts.Identity;

namespace Platform.Api.Search;

/// <summary>
/// What a caller may find: nothing of a private community they are outside (unless staff), no unpublished course or its
/// lessons unless they create its community, no deleted post or its comments unless staff. Staff are admins: they see private
/// and deleted content to moderate it, but drafts stay their creators' own; help articles belong to no community and are written by
/// admins, so an unpublished one is found by admins only (as <c>helpArticle</c> shows drafts to admins only). Content hidden by moderation is found by admins and by
/// the community's creator and moderators (<c>StaffOf</c>).
/// </summary>
public sealed record SearchScope(Guid[] HiddenCommunities, Guid[] CreatorOf, bool IsStaff, Guid[] StaffOf);

public static class SearchAccess
{
    public static async Task<SearchScope> For(IQuerySession reads, Caller caller, CancellationToken cancellation)
    {
        var staff = caller.Holds(Role.Admin);
        var hidden = staff ? [] : await SocialAccess.HiddenCommunities(reads, caller, cancellation);
        var creatorOf = caller.Account?.Grants.Where(g => g.Role == Role.Creator && g.CommunityId is not null).Select(g => g.CommunityId!.Value) ?? [];
        var staffOf = caller.Account?.Grants.Where(g => g.Role is Role.Creator or Role.Moderator && g.CommunityId is not null).Select(g => g.CommunityId!.Value) ?? [];
        return new SearchScope([.. hidden], [.. creatorOf], staff, [.. staffOf]);
    }

    /// <summary>The SQL condition for <see cref="SearchScope"/> on an entry <c>e</c>; parameters @hidden, @creator_of, @staff, @staff_of.</summary>
    public const string VisibleSql = """
        (e.data ->> 'CommunityId' is null or not (e.data ->> 'CommunityId')::uuid = any(@hidden))
        and (@staff or not (e.data ->> 'Deleted')::boolean)
        and (@staff or not coalesce((e.data ->> 'Hidden')::boolean, false) or (e.data ->> 'CommunityId')::uuid = any(@staff_of))
        and (@staff or e.data ->> 'AuthorId' is null or (e.data ->> 'CommunityId')::uuid = any(@staff_of)
            or not exists (select 1 from platform.mt_doc_usersuspension s where s.id = (e.data ->> 'AuthorId')::uuid))
        and ((e.data ->> 'Published')::boolean or (e.data ->> 'CommunityId')::uuid = any(@creator_of) or (@staff and e.data ->> 'Kind' = 'HelpArticle'))
        and (e.data ->> 'Kind' <> 'Lesson' or exists (select 1 from platform.mt_doc_searchentry c where c.id = 'course:' || (e.data ->> 'CourseId')
            and ((c.data ->> 'Published')::boolean or (c.data ->> 'CommunityId')::uuid = any(@creator_of))
            and not (c.data ->> 'CommunityId')::uuid = any(@hidden)))
        and (e.data ->> 'Kind' <> 'Comment' or exists (select 1 from platform.mt_doc_searchentry p where p.id = 'post:' || (e.data ->> 'PostId')
            and (@staff or not (p.data ->> 'Deleted')::boolean)
            and (@staff or not coalesce((p.data ->> 'Hidden')::boolean, false) or (p.data ->> 'CommunityId')::uuid = any(@staff_of))))
        """;
}
