namespace Platform.Api.Infrastructure;

/// <summary>A question over a time window: one that ends before it starts is a mistake to say so, not an empty answer.</summary>
public static class DateRange
{
    public static void Check(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start && to is { } end && start >= end) throw DomainException.Invalid("'from' must be before 'to'.");
    }
}
