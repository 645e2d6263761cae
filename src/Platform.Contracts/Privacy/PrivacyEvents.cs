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
