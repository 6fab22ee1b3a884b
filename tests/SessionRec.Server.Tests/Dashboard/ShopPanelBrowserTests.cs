using Microsoft.Playwright;
using SessionRec.Server.Tests.Infrastructure;
using SessionRec.Server.Tests.Shop;

namespace SessionRec.Server.Tests.Dashboard;

/// <summary>The dashboard's shop panels in Debian's chromium: recent catalog changes, and "try it" by item names.</summary>
public sealed class ShopPanelBrowserTests
{
    [Fact]
    public async Task Try_it_shows_named_recommendations_with_and_without_a_filter_and_changes_are_listed()
    {
        Assert.SkipUnless(File.Exists(HeadlessChromium.Path), $"{HeadlessChromium.Path} is not installed (./test.sh installs it as root).");
        using var factory = new SessionRecFactory { RealTime = true };
        factory.UseKestrel(0);
        factory.StartServer();
        var api = factory.CreateClient();
        Assert.True((await api.PutItemAsync("P00003", """{"available":false}""")).IsSuccessStatusCode);
        var before = await api.MetricsAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1400 } });
        await page.GotoAsync(new Uri(factory.ClientOptions.BaseAddress, "/dashboard").ToString());

        await page.WaitForFunctionAsync("() => document.querySelectorAll('#changes-body tr').length >= 1", null, new() { Timeout = 30_000 });
        var change = await page.Locator("#changes-body tr").First.InnerTextAsync();
        Assert.Contains("P00003", change, StringComparison.Ordinal);
        Assert.Contains("no", change, StringComparison.Ordinal);

        await page.Locator("#try-search").FillAsync("1");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#try-results li').length > 0", null, new() { Timeout = 30_000 });
        await page.Locator("#try-results li").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#try-plain li').length === 10", null, new() { Timeout = 30_000 });
        await page.Locator("#try-category").SelectOptionAsync("makeup");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#try-filtered li').length === 10", null, new() { Timeout = 30_000 });

        var plain = await page.Locator("#try-plain li").AllInnerTextsAsync();
        var filtered = await page.Locator("#try-filtered li").AllInnerTextsAsync();
        // Names from the catalog, not ids, and the filtered column only holds the chosen category.
        Assert.All(plain, text => Assert.DoesNotMatch("^P\\d{5}", text));
        Assert.All(filtered, text => Assert.EndsWith("· makeup", text, StringComparison.Ordinal));
        Assert.DoesNotContain(await page.Locator("#try-plain li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.itemId)"), id => id == "P00003");
        // Trying stores nothing: the panel asks statelessly.
        var after = await api.MetricsAsync();
        Assert.Equal(before.GetProperty("total_requests").GetInt64(), after.GetProperty("total_requests").GetInt64());
        Assert.Equal(before.GetProperty("active_sessions").GetInt64(), after.GetProperty("active_sessions").GetInt64());
    }
}
