using System.Text.Json;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Hosting;

/// <summary>The start-up warm-up goes through the real pipeline over a real socket and leaves no trace in what clients read.</summary>
public sealed class RecommendWarmupTests
{
    [Fact]
    public async Task A_listening_server_warms_the_recommend_path_without_recording_or_storing_anything()
    {
        using var factory = new SessionRecFactory { RealTime = true };
        factory.UseKestrel(0);
        factory.StartServer();
        var ct = TestContext.Current.CancellationToken;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!factory.Logs.Lines.Any(l => l.Contains("Warmed the recommend path: 200", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        Assert.Contains(factory.Logs.Lines, l => l.Contains("Warmed the recommend path: 200", StringComparison.Ordinal));
        var metrics = await factory.CreateClient().MetricsAsync();
        Assert.Equal(0, metrics.GetProperty("total_requests").GetInt64());
        Assert.Equal(0, metrics.GetProperty("active_sessions").GetInt64());
        // The latency window holds no sample: the warm-up call is not the first visitor's p99.
        var p99 = metrics.GetProperty("p99_latency_ms");
        Assert.True(p99.ValueKind == JsonValueKind.Null || p99.GetDouble() == 0, p99.ToString());
    }

    [Fact]
    public async Task It_can_be_turned_off()
    {
        using var factory = new SessionRecFactory { RealTime = true }.With("Hosting:WarmUp", "false");
        factory.UseKestrel(0);
        factory.StartServer();
        await factory.CreateClient().MetricsAsync();
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains("Warmed the recommend path", StringComparison.Ordinal));
    }
}
