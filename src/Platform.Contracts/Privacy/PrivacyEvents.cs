namespace Platform.Contracts.Privacy;

/// <summary>
/// On the user's stream: the person's key was destroyed, so every sealed field of theirs now reads as "deleted member".
/// Carries ids and the moment only: no personal data, so it stays readable in the audit trail for good.
/// <c>ByAdmin</c> tells an admin's erasure from the person's own request.
/// </summary>
public sealed record AccountErased(Guid UserId, Guid ErasedBy, bool ByAdmin, DateTimeOffset ErasedAt);

/// <summary>On the user's stream: an archive of the person's data was prepared (by them or by an admin), for the audit trail.</summary>
public sealed record PersonalDataExported(Guid UserId, Guid ExportId, Guid RequestedBy, DateTimeOffset ExportedAt);

/// <summary>What an erased person's personal fields read as, everywhere: derived from the id alone, so it says nothing about them.</summary>
public sealed record ErasedAccount(string Subject, string Handle, string DisplayName, string Bio, string? Email)
{
    public const string DeletedMember = "Deleted member";

    /// <summary>The handle stays unique (the handle index holds) without naming anyone.</summary>
    public static ErasedAccount Of(Guid userId) => new("", $"deleted_{userId.ToString("N")[..12]}", DeletedMember, "", null);
}

/// <summary>On the privacy settings stream: how many days an erased account's non-ledger events stay before the daily purge removes them.</summary>
public sealed record ErasedAccountRetentionSet(int Days, Guid SetBy, DateTimeOffset SetAt);

/// <summary>
/// On the user's stream, by the retention schedule: the events the erased person caused were removed after <c>RetentionDays</c>,
/// except money events and the privacy records (erasure, exports). Counts and ids only.
/// </summary>
public sealed record ErasedAccountPurged(Guid UserId, int EventsRemoved, int RetentionDays, DateTimeOffset PurgedAt);
