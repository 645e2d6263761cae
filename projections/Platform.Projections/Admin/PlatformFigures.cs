using System.Globalization;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Events.Projections;
using Platform.Contracts.Commerce;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;

namespace Platform.Projections.Admin;

/// <summary>
/// What was created, paid and refunded on the platform (platformStats): one document for all time (id <see cref="PlatformFiguresProjection.AllTime"/>)
/// and one per UTC hour in which something happened (<see cref="Hour"/> set). All-time figures are one read and a window's are the sum of
/// its hours, however many users, enrolments and purchases the platform holds.
/// </summary>
public sealed class PlatformFigures
{
    public string Id { get; set; } = "";
    public DateTimeOffset? Hour { get; set; }
    public int Users { get; set; }
    public int Communities { get; set; }
    public int Courses { get; set; }
    public int Enrolments { get; set; }
    public int Purchases { get; set; }
    /// <summary>Gross of the payments by currency, in minor units.</summary>
    public Dictionary<string, long> Gross { get; set; } = [];
    public int Refunds { get; set; }

    public void Count(object e)
    {
        switch (e)
        {
            case UserRegistered: Users++; break;
            case CommunityCreated: Communities++; break;
            case CourseCreated: Courses++; break;
            case Enrolled: Enrolments++; break;
            case PaymentSucceeded paid:
                Purchases++;
                Gross[paid.Currency] = Gross.GetValueOrDefault(paid.Currency) + paid.Gross;
                break;
            case PaymentRefunded: Refunds++; break;
        }
    }

    public static PlatformFigures Sum(string id, IEnumerable<PlatformFigures> parts)
    {
        var sum = new PlatformFigures { Id = id };
        foreach (var part in parts)
        {
            sum.Users += part.Users;
            sum.Communities += part.Communities;
            sum.Courses += part.Courses;
            sum.Enrolments += part.Enrolments;
            sum.Purchases += part.Purchases;
            sum.Refunds += part.Refunds;
            foreach (var (currency, amount) in part.Gross) sum.Gross[currency] = sum.Gross.GetValueOrDefault(currency) + amount;
        }
        return sum;
    }
}

/// <summary>
/// Async and rebuildable: counts events, each into the all-time document and the document of the hour it happened in (the time the
/// event carries, so a replay files it under the same hour). Async because every registration, enrolment and payment moves the one
/// all-time document: inline, concurrent commands would each rewrite it.
/// </summary>
public sealed class PlatformFiguresProjection : MultiStreamProjection<PlatformFigures, string>
{
    public const string AllTime = "all";

    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);

    public PlatformFiguresProjection()
    {
        IncludeType<UserRegistered>();
        IncludeType<CommunityCreated>();
        IncludeType<CourseCreated>();
        IncludeType<Enrolled>();
        IncludeType<PaymentSucceeded>();
        IncludeType<PaymentRefunded>();
        CustomGrouping((_, events, grouping) =>
        {
            foreach (var e in events)
            {
                if (At(e.Data) is not { } at) continue;
                grouping.AddEvent(AllTime, e);
                grouping.AddEvent(HourId(HourOf(at)), e);
            }
            return Task.CompletedTask;
        });
    }

    public static string HourId(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture);

    private static DateTimeOffset? At(object e) => e switch
    {
        UserRegistered x => x.RegisteredAt,
        CommunityCreated x => x.CreatedAt,
        CourseCreated x => x.CreatedAt,
        Enrolled x => x.EnrolledAt,
        PaymentSucceeded x => x.PaidAt,
        PaymentRefunded x => x.RefundedAt,
        _ => null,
    };

    public override (PlatformFigures?, ActionType) DetermineAction(PlatformFigures? snapshot, string id, IReadOnlyList<IEvent> events)
    {
        var figures = snapshot ?? new PlatformFigures { Id = id, Hour = id == AllTime ? null : HourOf(At(events[0].Data)!.Value) };
        foreach (var e in events) figures.Count(e.Data);
        return (figures, ActionType.Store);
    }
}
