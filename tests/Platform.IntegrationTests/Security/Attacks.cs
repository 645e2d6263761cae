using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>The documents the penetration test used (issue 15), and the standard introspection query that must still pass.</summary>
public static class Attacks
{
    public static string Repeated(string selection, int times) => "{ " + string.Join(" ", Enumerable.Repeat(selection, times)) + " }";

    /// <summary>10,000 duplicate <c>me { id }</c>: 70 KB that cost 21 s of validation before the limits.</summary>
    public static readonly string DuplicateFields = Repeated("me { id }", 10_000);

    /// <summary>5,000 anonymous list reads.</summary>
    public static readonly string ListReads = Repeated("communities(first: 1) { nodes { id } }", 5_000);

    /// <summary>5,000 aliases of a lookup that runs one SQL query each.</summary>
    public static readonly string AliasedLookups = "{ " + string.Join(" ", Enumerable.Range(0, 5_000).Select(i => $"c{i}: community(slug: \"s{i}\") {{ id }}")) + " }";

    /// <summary>1,000 spreads of one fragment.</summary>
    public static readonly string FragmentSpreads = "fragment F on Query { me { id } } " + Repeated("...F", 1_000);

    /// <summary>Small documents that each pass the length check but break one other limit.</summary>
    public static readonly string ManyTokens = Repeated("me{id}", 1_500);
    public static readonly string FragmentBomb = "{ ...F10 } fragment F0 on Query { me { id } } " +
        string.Concat(Enumerable.Range(1, 10).Select(i => $"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }} "));
    public static readonly string SixtyAliases = "{ " + string.Join(" ", Enumerable.Range(0, 60).Select(i => $"a{i}: __typename")) + " }";
    public static readonly string FortyFiveRootLookups = "{ " + string.Join(" ", Enumerable.Range(0, 45).Select(i => $"c{i}: community(slug: \"s{i}\") {{ id }}")) + " }";

    public static string Nested(int depth) =>
        "{ communities { nodes { " + string.Concat(Enumerable.Repeat("parent { ", depth)) + "id" + new string('}', depth) + " } } }";

    /// <summary>graphql-js <c>getIntrospectionQuery()</c> (descriptions on), with a deeper TypeRef as newer versions send.</summary>
    public const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind
          name
          description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind
          name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        }
        """;

    public static async Task<string?> CodeFor(GraphQLClient client, string document) => (await client.Send(document)).FirstErrorCode;
}
