using Marten;
using Platform.Api.Infrastructure;
using Platform.Projections.Identity;

namespace Platform.Api.Identity;

/// <summary>
/// Users by id for one request: a list resolver loads a page's users in one query (<see cref="BatchLookup{TValue}.Prime"/>),
/// so each item's <c>user</c> field reads memory instead of the database (no N+1).
/// </summary>
public sealed class UserLookup(IQuerySession reads) : DocumentLookup<UserAccount>(reads);
