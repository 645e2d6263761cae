using Platform.Contracts;

namespace Platform.Tests;

public sealed class deterministic_ids
{
    [Fact]
    public void the_same_parts_give_the_same_version_5_id()
    {
        var a = DeterministicId.From("user", "issuer", "alice");
        var b = DeterministicId.From("user", "issuer", "alice");

        Assert.Equal(a, b);
        Assert.Equal(5, a.Version);
        Assert.Equal(0b10, a.Variant >> 2);
    }

    [Fact]
    public void different_parts_or_kinds_give_different_ids()
    {
        Assert.NotEqual(DeterministicId.From("user", "issuer", "alice"), DeterministicId.From("user", "issuer", "bob"));
        Assert.NotEqual(DeterministicId.From("user", "a", "b"), DeterministicId.From("user", "a\nb"));
        Assert.NotEqual(DeterministicId.From("user", "x"), DeterministicId.From("membership", "x"));
    }
}
