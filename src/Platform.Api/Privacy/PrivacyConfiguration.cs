using GraphQL.Types;
using Marten;
using Marten.Services;
using Platform.Contracts.Privacy;

namespace Platform.Api.Privacy;

/// <summary>PRIV: personal fields sealed per person, erasure by destroying the key, and the personal data export. See docs/privacy.md.</summary>
public static class PrivacyConfiguration
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Privacy").Get<PrivacyOptions>() ?? new PrivacyOptions());
        builder.Services.AddSingleton<IPersonalDataKeys, EmbeddedPersonalDataKeys>();
        builder.Services.AddSingleton<LegacyPersonalData>();
        builder.Services.AddSingleton<PersonalDataArchive>();
        builder.Services.AddHostedService<RetentionScheduleStarter>();
        builder.Services.ConfigureMarten((services, options) =>
        {
            var keys = services.GetRequiredService<IPersonalDataKeys>();
            options.Storage.ExtendedSchemaObjects.Add(EmbeddedPersonalDataKeys.Schema());
            ((SystemTextJsonSerializer)options.Serializer()).Configure(json => json.Converters.Add(new PersonalDataSealing(keys)));
            options.Listeners.Add(new ForgetErasedKeys(keys));
        });
        return builder;
    }

    public static void AddPrivacyMutations(this ObjectGraphType mutation)
    {
        mutation.AddExportMyData();
        mutation.AddExportUserData();
        mutation.AddDeleteMyAccount();
        mutation.AddDeleteUserAccount();
        mutation.AddSetErasedAccountRetention();
    }

    public static void MapPrivacy(this WebApplication app) => PersonalDataArchive.Map(app);

    /// <summary>After an erasure commits, this node drops the key it cached (other nodes within <c>Privacy__KeyCacheLifetime</c>).</summary>
    private sealed class ForgetErasedKeys(IPersonalDataKeys keys) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var e in commit.GetEvents())
                if (e.Data is AccountErased erased) keys.Forget(erased.UserId);
            return Task.CompletedTask;
        }
    }
}
