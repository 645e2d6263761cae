using Platform.Api.Infrastructure;
using Platform.Api.Mail;
using Platform.Contracts.Mail;

namespace Platform.Tests.Mail;

public sealed class notification_preferences
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid User = Guid.NewGuid();

    [Fact]
    public void every_kind_starts_by_email_and_the_digest_never()
    {
        var preferences = NotificationPreferences.Default(User);
        Assert.All(Enum.GetValues<NotificationKind>(), kind => Assert.True(preferences.Mails(kind)));
        Assert.Equal(DigestFrequency.Never, preferences.Digest);
    }

    [Fact]
    public void an_update_records_only_what_changes_and_nothing_when_nothing_would()
    {
        var current = NotificationPreferences.Default(User);
        var events = NotificationPreferences.Update(current,
            [new(NotificationKind.Reply, NotificationChannel.Off), new(NotificationKind.Receipt, NotificationChannel.Email)], DigestFrequency.Daily, Now);
        var updated = Assert.IsType<NotificationPreferencesUpdated>(Assert.Single(events));
        Assert.Equal([new KindChannel(NotificationKind.Reply, NotificationChannel.Off)], updated.Channels);
        var after = current.Apply(updated);
        Assert.False(after.Mails(NotificationKind.Reply));
        Assert.Equal(DigestFrequency.Daily, after.Digest);
        Assert.Empty(NotificationPreferences.Update(after, [new(NotificationKind.Reply, NotificationChannel.Off)], DigestFrequency.Daily, Now));
    }

    [Fact]
    public void a_kind_named_twice_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => NotificationPreferences.Update(NotificationPreferences.Default(User),
            [new(NotificationKind.Reply, NotificationChannel.Off), new(NotificationKind.Reply, NotificationChannel.Email)], null, Now));
        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Fact]
    public void an_unsubscribe_link_moves_a_mailed_kind_in_app_once_and_stops_the_digest()
    {
        var current = NotificationPreferences.Default(User) with { Digest = DigestFrequency.Weekly };
        var unsubscribed = current.Apply(Assert.IsType<UnsubscribedByLink>(Assert.Single(NotificationPreferences.Unsubscribe(current, NotificationKind.Mention, Now))));
        Assert.Equal(NotificationChannel.InApp, unsubscribed.Channels[NotificationKind.Mention]);
        Assert.Empty(NotificationPreferences.Unsubscribe(unsubscribed, NotificationKind.Mention, Now));
        var noDigest = unsubscribed.Apply(Assert.IsType<UnsubscribedByLink>(Assert.Single(NotificationPreferences.Unsubscribe(unsubscribed, null, Now))));
        Assert.Equal(DigestFrequency.Never, noDigest.Digest);
    }

    [Fact]
    public void a_signed_link_verifies_only_for_what_it_names()
    {
        var links = new SignedLinks(new byte[32], "http://127.0.0.1:5080/");
        var signature = links.Sign("unsubscribe", User.ToString(), "Reply");
        Assert.True(links.Verify(signature, "unsubscribe", User.ToString(), "Reply"));
        Assert.False(links.Verify(signature, "unsubscribe", User.ToString(), "Receipt"));
        Assert.False(links.Verify(signature, "unsubscribe", Guid.NewGuid().ToString(), "Reply"));
        Assert.False(new SignedLinks([.. Enumerable.Repeat((byte)7, 32)], "x").Verify(signature, "unsubscribe", User.ToString(), "Reply"));
    }
}
