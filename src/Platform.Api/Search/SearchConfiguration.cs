using GraphQL.Types;

namespace Platform.Api.Search;

/// <summary>Search has no writes of its own: its index is a projection (Platform.Projections.Search), its one field reads it.</summary>
public static class SearchConfiguration
{
    public static void AddSearchQueries(this ObjectGraphType query) => query.AddSearch();
}
