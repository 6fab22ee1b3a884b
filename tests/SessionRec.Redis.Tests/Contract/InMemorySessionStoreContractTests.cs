using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Sessions;

namespace SessionRec.Redis.Tests.Contract;

public sealed class InMemorySessionStoreContractTests : SessionStoreContract
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected override ISessionStore NewStore(int maxClicks, TimeSpan ttl) =>
        new InMemorySessionStore(Options.Create(new SessionRetentionOptions { MaxClicks = maxClicks, Ttl = ttl }), _time);

    protected override Task LetTimePassAsync(TimeSpan span)
    {
        _time.Advance(span);
        return Task.CompletedTask;
    }
}
