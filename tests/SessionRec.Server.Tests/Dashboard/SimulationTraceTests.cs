using SessionRec.Cli.Simulation;
using SessionRec.Models.Demo;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Dashboard;

/// <summary><c>simulate --trace</c>: what bench/online/replay.sh measures "how soon is a new item recommended" from.</summary>
public sealed class SimulationTraceTests
{
    [Fact]
    public async Task The_trace_holds_every_stored_click_and_recommendation_in_order()
    {
        using var factory = new SessionRecFactory();
        var demo = DemoDataGenerator.Generate(240, 60, seed: 7);
        var sessions = demo.Sessions.Sequences.Select(s => (IReadOnlyList<string>)[.. s.Select(i => demo.Sessions.Vocabulary[i])]).ToArray();
        var text = new StringWriter();
        using var trace = new SimulationTrace(text);
        var simulator = new TrafficSimulator(factory.CreateClient(), new SimulationOptions { ClicksPerSecond = 0, Concurrency = 3, Trace = trace });

        await simulator.RunAsync(sessions, TestContext.Current.CancellationToken);

        var lines = Lines(text);
        Assert.Equal(0, simulator.Stats.Errors);
        Assert.Equal(sessions.Sum(s => s.Count), lines.Count(l => l[2] == "c"));
        Assert.Equal(simulator.Stats.Predictions, lines.Count(l => l[2] == "r"));
        Assert.Equal(sessions.Sum(s => s.Count), long.Parse(lines[^1][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(lines.Zip(lines.Skip(1)), pair => Assert.True(long.Parse(pair.Second[1], System.Globalization.CultureInfo.InvariantCulture) >= long.Parse(pair.First[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(lines, l => l[2] == "r" && l[3] == "model" && l.Length > 4);
    }

    [Fact]
    public async Task A_recommendation_line_leaves_out_the_sessions_own_items()
    {
        using var factory = new SessionRecFactory().With("Recommendations:ExcludeSeen", "false");
        var text = new StringWriter();
        using var trace = new SimulationTrace(text);
        var simulator = new TrafficSimulator(factory.CreateClient(), new SimulationOptions { ClicksPerSecond = 0, Concurrency = 1, K = 50, Trace = trace });

        await simulator.RunAsync([["P00001", "P00002", "P00001", "P00003", "P00002"]], TestContext.Current.CancellationToken);

        var clicked = new HashSet<string>();
        foreach (var line in Lines(text))
        {
            if (line[2] == "c")
            {
                clicked.Add(line[3]);
            }
            else
            {
                Assert.DoesNotContain(line.Skip(4), clicked.Contains);
            }
        }

        Assert.Equal(3, clicked.Count);
    }

    private static List<string[]> Lines(StringWriter text) =>
        [.. text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t'))];
}
