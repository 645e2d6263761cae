using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Privacy.Graph;

namespace Platform.Api.Privacy;

public static class DeleteUserAccountField
{
    /// <summary>An admin erases a person on their behalf (a request by mail, a court order): recorded as by that admin.</summary>
    public static void AddDeleteUserAccount(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<AccountErasureGraphType>>("deleteUserAccount")
            .Description("Erases a user's personal data for good and ends their sessions. Confirm with their handle.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<StringGraphType>>("confirmation", "The account's current handle.")
            .Allow(Audience.Admin)
            .ResolveAsync(async c => await DeleteMyAccountField.Erase(c, c.IdArgument("userId"), byAdmin: true));
}
