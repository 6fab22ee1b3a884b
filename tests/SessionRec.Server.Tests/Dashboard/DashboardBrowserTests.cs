using System.Globalization;
using Microsoft.Playwright;
using SessionRec.Cli.Simulation;
using SessionRec.Models.Demo;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Dashboard;

/// <summary>
/// Drives Debian's chromium (never a downloaded browser) against the real server on a loopback port while the
/// traffic simulator runs, and checks what an operator would look at.
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly string[] ChartIds = ["chart-hit-rate", "chart-latency", "chart-rps", "chart-coldstart", "chart-sessions"];

    [Fact]
    public async Task Dashboard_draws_every_chart_and_its_tiles_agree_with_the_metrics_endpoint()
    {
        Assert.SkipUnless(File.Exists(HeadlessChromium.Path), $"{HeadlessChromium.Path} is not installed (./test.sh installs it as root).");
        using var factory = new SessionRecFactory { RealTime = true }.With("Metrics:HistoryInterval", "00:00:01");
        factory.UseKestrel(0);
        factory.StartServer();
        var baseAddress = factory.ClientOptions.BaseAddress;
        var api = factory.CreateClient();

        var demo = DemoDataGenerator.Generate(240, 5000, seed: 5);
        var sessions = demo.Sessions.Sequences.Select(s => (IReadOnlyList<string>)[.. s.Select(i => demo.Sessions.Vocabulary[i])]).ToArray();
        using var stopTraffic = new CancellationTokenSource();
        var traffic = new TrafficSimulator(factory.CreateClient(), new SimulationOptions { ClicksPerSecond = 150, Concurrency = 4 })
            .RunAsync(sessions, stopTraffic.Token);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var externalRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(baseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            {
                externalRequests.Add(request.Url);
            }
        };

        await page.GotoAsync(new Uri(baseAddress, "/dashboard").ToString());
        foreach (var id in ChartIds)
        {
            // Lines, not dots: at least two samples drawn in every chart.
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('{id}').dataset.points) >= 2", null, new() { Timeout = 60_000 });
        }

        Assert.True(await page.Locator("#chart-latency path.series").CountAsync() == 2);
        // Since start and the last 5 minutes, side by side (the simulator's feedback resolves recommendations).
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#chart-hit-rate path.series').length === 2", null, new() { Timeout = 60_000 });
        Assert.Matches(@"^last 5 min: \d+\.\d\d %$", await page.Locator("#hit-rate-recent").InnerTextAsync());
        Assert.True(await page.Locator("#chart-rps path.series").CountAsync() == 3);

        stopTraffic.Cancel();
        try
        {
            await traffic;
        }
        catch (OperationCanceledException)
        {
        }

        // With traffic stopped, two tile refreshes later the tiles must show exactly what the endpoint says.
        await Task.Delay(4500, TestContext.Current.CancellationToken);
        var metrics = await api.MetricsAsync();
        double shownHitRate = await TileValueAsync(page, "tile-hit-rate");
        double shownP99 = await TileValueAsync(page, "tile-p99");
        Assert.True(metrics.GetProperty("total_requests").GetInt64() > 0);
        Assert.Equal(metrics.GetProperty("hit_rate_at_10").GetDouble(), shownHitRate, 4);
        Assert.Equal(metrics.GetProperty("p99_latency_ms").GetDouble(), shownP99, 4);
        Assert.Contains("healthy", await page.Locator("#health-list").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("vsknn", await page.Locator("#model-name").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(externalRequests);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        TestContext.Current.SendDiagnosticMessage($"dashboard screenshot: {screenshot}");
    }

    private static async Task<double> TileValueAsync(IPage page, string id) =>
        double.Parse(await page.Locator($"#{id} .value").GetAttributeAsync("data-value") ?? "NaN", CultureInfo.InvariantCulture);
}
