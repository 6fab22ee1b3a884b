using Microsoft.Playwright;

namespace SessionRec.Server.Tests.Infrastructure;

/// <summary>Debian's chromium (never a downloaded browser), headless and quiet, for the browser tests.</summary>
public static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }
}
