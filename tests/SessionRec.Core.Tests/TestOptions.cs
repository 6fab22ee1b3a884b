using Microsoft.Extensions.Options;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Sessions;

namespace SessionRec.Core.Tests;

internal static class TestOptions
{
    public static IOptions<SessionRetentionOptions> Sessions(int maxClicks = 50, TimeSpan? ttl = null) =>
        Options.Create(new SessionRetentionOptions { MaxClicks = maxClicks, Ttl = ttl ?? TimeSpan.FromMinutes(30) });

    public static IOptions<ColdStartOptions> ColdStart(Action<ColdStartOptions>? configure = null)
    {
        var options = new ColdStartOptions();
        configure?.Invoke(options);
        return Options.Create(options);
    }
}
