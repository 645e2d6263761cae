using Npgsql;
using Platform.Api.Infrastructure;

namespace Platform.Tests.Infrastructure;

/// <summary>Connections go back to the pool without DISCARD ALL unless the connection string says otherwise.</summary>
public sealed class the_pooled_connection_reset
{
    [Fact]
    public void is_switched_off_when_the_connection_string_is_silent() =>
        Assert.True(new NpgsqlConnectionStringBuilder(EventStoreConfiguration.WithoutPoolResets("Host=db;Database=platform")).NoResetOnClose);

    [Theory]
    [InlineData("Host=db;Database=platform;No Reset On Close=false")]
    [InlineData("Host=db;Database=platform;noresetonclose=false")]
    public void stays_as_the_connection_string_asks(string connectionString) =>
        Assert.Equal(connectionString, EventStoreConfiguration.WithoutPoolResets(connectionString));
}
