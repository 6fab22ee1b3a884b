using SessionRec.Cli.Simulation;
using SessionRec.Models.Demo;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Dashboard;

public sealed class SimulatorAgreementTests
{
    [Fact]
    public async Task The_simulators_hit_rate_is_the_services_online_hit_rate()
    {
        using var factory = new SessionRecFactory();
        var demo = DemoDataGenerator.Generate(240, 300, seed: 99);
        var sessions = demo.Sessions.Sequences.Select(s => (IReadOnlyList<string>)[.. s.Select(i => demo.Sessions.Vocabulary[i])]).ToArray();
        var simulator = new TrafficSimulator(factory.CreateClient(), new SimulationOptions { ClicksPerSecond = 0, Concurrency = 4 });

        await simulator.RunAsync(sessions, TestContext.Current.CancellationToken);

        var metrics = await factory.CreateClient().MetricsAsync();
        long clicks = sessions.Sum(s => s.Count);
        Assert.Equal(0, simulator.Stats.Errors);
        Assert.Equal(300, simulator.Stats.SessionsDone);
        Assert.Equal(clicks, metrics.GetProperty("clicks_total").GetInt64());
        Assert.Equal(clicks, metrics.GetProperty("resolved_recommendations").GetInt64());
        Assert.Equal(simulator.Stats.Hits, metrics.GetProperty("hits").GetInt64());
        // The service reports the rate rounded to 4 decimals; rounding both sides to 3 would disagree at a boundary.
        Assert.Equal(simulator.Stats.HitRate, metrics.GetProperty("hit_rate_at_10").GetDouble(), tolerance: 0.00005 + 1e-12);
        Assert.True(simulator.Stats.HitRateAfterFirstClick > 0);
    }
}
