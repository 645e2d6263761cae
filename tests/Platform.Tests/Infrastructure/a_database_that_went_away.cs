using System.Net.Sockets;
using Npgsql;
using Platform.Api.Infrastructure;

namespace Platform.Tests.Infrastructure;

/// <summary>Which failures make queued work wait for the database instead of going to the dead letters.</summary>
public class a_database_that_went_away
{
    [Fact]
    public void a_refused_connection_is_waited_for() =>
        Assert.True(EventStoreConfiguration.DatabaseUnavailable(
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));

    [Theory]
    [InlineData("57P01")] // admin_shutdown: pg_ctl stop
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: starting up
    public void a_server_shutting_down_or_starting_is_waited_for(string sqlState) =>
        Assert.True(EventStoreConfiguration.DatabaseUnavailable(new PostgresException("terminating", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void it_is_found_inside_a_wrapping_exception() =>
        Assert.True(EventStoreConfiguration.DatabaseUnavailable(
            new InvalidOperationException("command failed", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))));

    [Fact]
    public void a_broken_rule_or_a_bad_statement_is_not() =>
        Assert.False(EventStoreConfiguration.DatabaseUnavailable(new PostgresException("syntax error", "ERROR", "ERROR", "42601")) ||
                     EventStoreConfiguration.DatabaseUnavailable(new InvalidOperationException("You have bought this already.")));
}
