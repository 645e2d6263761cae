using GraphQL.Types;
using Platform.Contracts.Mail;

namespace Platform.Api.Mail.Graph;

public sealed class NotificationPreferencesGraphType : ObjectGraphType<NotificationPreferences>
{
    public NotificationPreferencesGraphType()
    {
        Name = "NotificationPreferences";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KindChannelGraphType>>>>("channels")
            .Resolve(c => c.Source.Channels.Select(x => new KindChannel(x.Key, x.Value)));
        Field<NonNullGraphType<EnumerationGraphType<DigestFrequency>>>("digest").Resolve(c => c.Source.Digest);
        Field<NonNullGraphType<StringGraphType>>("digestTimeZone").Description("The IANA zone the digest is timed in: 08:00 there.")
            .Resolve(c => c.Source.DigestTimeZone);
    }
}

public sealed class KindChannelGraphType : ObjectGraphType<KindChannel>
{
    public KindChannelGraphType()
    {
        Name = "NotificationChannelSetting";
        Field<NonNullGraphType<EnumerationGraphType<NotificationKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<EnumerationGraphType<NotificationChannel>>>("channel").Resolve(c => c.Source.Channel);
    }
}

public sealed class KindChannelInputGraphType : InputObjectGraphType
{
    public KindChannelInputGraphType()
    {
        Name = "NotificationChannelInput";
        Field<NonNullGraphType<EnumerationGraphType<NotificationKind>>>("kind");
        Field<NonNullGraphType<EnumerationGraphType<NotificationChannel>>>("channel");
    }
}

public sealed class NotificationPreferencesInputGraphType : InputObjectGraphType
{
    public NotificationPreferencesInputGraphType()
    {
        Name = "NotificationPreferencesInput";
        Field<ListGraphType<NonNullGraphType<KindChannelInputGraphType>>>("channels");
        Field<EnumerationGraphType<DigestFrequency>>("digest");
        Field<StringGraphType>("digestTimeZone").Description("An IANA time zone such as Europe/Berlin; the digest comes at 08:00 there.");
    }
}
