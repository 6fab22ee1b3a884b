using Microsoft.Playwright;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Dashboard;

/// <summary>
/// With API keys configured, an admin can still use the dashboard and the API docs in a real browser: the pages ask
/// for the key once and send it with their requests; the security headers' CSP lets both pages work.
/// </summary>
public sealed class SecuredPagesBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string AdminKey = "admin-key-for-the-browser-0123";

    [Fact]
    public async Task An_admin_uses_the_dashboard_and_the_docs_after_entering_the_key_and_nothing_breaks_the_csp()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is not installed (./test.sh installs it as root).");
        using var factory = new SessionRecFactory { RealTime = true }
            .With("Auth:ApiKeys:0:Key", AdminKey).With("Auth:ApiKeys:0:Role", "admin")
            .With("Metrics:HistoryInterval", "00:00:01");
        factory.UseKestrel(0);
        factory.StartServer();
        var baseAddress = factory.ClientOptions.BaseAddress;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var problems = new List<string>();
        int prompts = 0;

        var dashboard = await browser.NewPageAsync();
        Watch(dashboard);
        await dashboard.GotoAsync(new Uri(baseAddress, "/dashboard").ToString());
        await dashboard.WaitForFunctionAsync("() => document.querySelector('#tile-p99 .value').dataset.value !== ''", null, new() { Timeout = 30_000 });
        await dashboard.WaitForFunctionAsync("() => document.getElementById('model-name').textContent.includes('vsknn')", null, new() { Timeout = 30_000 });

        var docs = await browser.NewPageAsync();
        Watch(docs);
        await docs.GotoAsync(new Uri(baseAddress, "/docs").ToString());
        await docs.WaitForSelectorAsync(".opblock", new() { Timeout = 30_000 });

        Assert.True(await docs.Locator(".opblock").CountAsync() >= 5);
        Assert.Equal(2, prompts); // once per tab: the key lives in that tab's sessionStorage
        Assert.Empty(problems);

        void Watch(IPage page)
        {
            page.Dialog += async (_, dialog) =>
            {
                Interlocked.Increment(ref prompts);
                await dialog.AcceptAsync(AdminKey);
            };
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused", StringComparison.Ordinal))
                {
                    problems.Add(message.Text);
                }
            };
            page.PageError += (_, error) => problems.Add(error);
        }
    }
}
