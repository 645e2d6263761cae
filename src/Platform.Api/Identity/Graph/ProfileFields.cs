using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity.Graph;

public static class ProfileFields
{
    /// <summary>What anyone who may see a user sees: the same on <c>User</c> and <c>Me</c>.</summary>
    public static void AddProfileFields(this ObjectGraphType<UserAccount> type)
    {
        type.Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        type.Field(u => u.Handle);
        type.Field(u => u.DisplayName);
        type.Field(u => u.Bio);
        type.Field(u => u.RegisteredAt);
        type.Field<Files.Graph.FileGraphType>("avatar").Description("The profile picture (short-lived URLs to its variants).")
            .ResolveAsync(async c => (await Files.FileAttachments.FilesOf(c.Reads(), Contracts.Files.FileOwnerKind.Profile, c.Source.Id, c.CancellationToken)).LastOrDefault());
    }

    public static IEnumerable<RoleGrant> RolesOf(UserAccount user) => [new RoleGrant(Role.Member, null), .. user.Grants];
}
