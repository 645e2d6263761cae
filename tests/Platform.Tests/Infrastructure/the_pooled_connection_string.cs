using Npgsql;
using Platform.Api.Infrastructure;

namespace Platform.Tests.Infrastructure;

/// <summary>Connections go back to the pool without DISCARD ALL and prepare their repeated statements, unless the connection string says otherwise.</summary>
public sealed class the_pooled_connection_string
{
    [Fact]
    public void is_switched_off_and_statements_are_prepared_when_the_connection_string_is_silent()
    {
        var pooled = new NpgsqlConnectionStringBuilder(EventStoreConfiguration.PooledConnectionString("Host=db;Database=platform"));
        Assert.True(pooled.NoResetOnClose);
        Assert.True(pooled.MaxAutoPrepare > 0);
        Assert.Equal(2, pooled.AutoPrepareMinUsages);
    }

    [Theory]
    [InlineData("Host=db;Database=platform;No Reset On Close=false;Max Auto Prepare=0;Auto Prepare Min Usages=5")]
    [InlineData("Host=db;Database=platform;noresetonclose=false;maxautoprepare=0;autoprepareminusages=5")]
    public void stays_as_the_connection_string_asks(string connectionString) =>
        Assert.Equal(connectionString, EventStoreConfiguration.PooledConnectionString(connectionString));

    [Fact]
    public void keeps_what_the_connection_string_names_and_adds_the_rest()
    {
        var pooled = new NpgsqlConnectionStringBuilder(EventStoreConfiguration.PooledConnectionString("Host=db;Database=platform;Max Auto Prepare=0"));
        Assert.Equal(0, pooled.MaxAutoPrepare);
        Assert.True(pooled.NoResetOnClose);
    }

    [Fact]
    public void for_a_rebuild_plans_each_execution_for_its_values_and_keeps_the_options_it_was_given()
    {
        var replaying = new NpgsqlConnectionStringBuilder(EventStoreConfiguration.PooledConnectionString("Host=db;Database=platform;Options=-c search_path=x", replaying: true));
        Assert.Equal("-c search_path=x -c plan_cache_mode=force_custom_plan", replaying.Options);
        Assert.True(replaying.MaxAutoPrepare > 0);
        Assert.Null(new NpgsqlConnectionStringBuilder(EventStoreConfiguration.PooledConnectionString("Host=db;Database=platform")).Options);
    }
}
