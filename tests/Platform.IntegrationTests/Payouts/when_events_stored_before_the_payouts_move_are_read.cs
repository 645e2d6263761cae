using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Api.Payouts;
using Platform.Contracts.Ledger;
using Platform.Contracts.Payouts;
using Platform.IntegrationTests.Support;
using Wolverine.Util;

namespace Platform.IntegrationTests.Payouts;

/// <summary>
/// Payout accounts' events moved from Platform.Contracts.Commerce to Platform.Contracts.Payouts, and ReconciliationCompleted
/// from Platform.Contracts.Payouts to Platform.Contracts.Ledger. Events stored before carry the old .NET type names; a node
/// started afterwards must still read them (by their event type names), and a payout run scheduled before must still arrive.
/// </summary>
public sealed class when_events_stored_before_the_payouts_move_are_read(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task a_node_started_later_reads_them_by_their_event_type_names()
    {
        var account = Guid.NewGuid();
        var run = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await using (var session = app.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Events.StartStream(account, new PayoutAccountOpened(account, Guid.NewGuid(), "local", "acct_1", at));
            session.Events.StartStream(run, new ReconciliationCompleted(run, at.AddDays(-1), at, 3, ["payment:pi_1"], at));
            await session.SaveChangesAsync();
        }
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand("""
                update platform.mt_events set mt_dotnet_type = case stream_id
                    when @account then 'Platform.Contracts.Commerce.PayoutAccountOpened, Platform.Contracts'
                    else 'Platform.Contracts.Payouts.ReconciliationCompleted, Platform.Contracts' end
                where stream_id in (@account, @run)
                """, connection);
            rename.Parameters.AddWithValue("account", account);
            rename.Parameters.AddWithValue("run", run);
            Assert.Equal(2, await rename.ExecuteNonQueryAsync());
        }

        await using var later = await app.StartNode(app.ConnectionString);
        await using var reads = later.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var opened = Assert.IsType<PayoutAccountOpened>(Assert.Single(await reads.Events.FetchStreamAsync(account)).Data);
        Assert.Equal("acct_1", opened.ProviderAccountId);
        var completed = Assert.IsType<ReconciliationCompleted>(Assert.Single(await reads.Events.FetchStreamAsync(run)).Data);
        Assert.Equal(["payment:pi_1"], completed.Mismatches);
    }

    [Fact]
    public void a_payout_run_scheduled_before_the_move_keeps_its_message_name() =>
        Assert.Equal("Platform.Api.Ledger.RunPayouts", typeof(RunPayouts).ToMessageTypeName());
}
