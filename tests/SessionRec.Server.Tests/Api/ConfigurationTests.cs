using Microsoft.Extensions.Options;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Sessions:MaxClicks", "0")]
    [InlineData("Sessions:Ttl", "00:00:00")]
    [InlineData("Recommendations:DefaultK", "101")]
    [InlineData("ColdStart:Candidates", "0")]
    [InlineData("Privacy:SessionIdSecret", "short")]
    [InlineData("SessionStore:Provider", "floppy")]
    public void Invalid_settings_stop_the_server_at_start(string key, string value)
    {
        using var factory = new SessionRecFactory().With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        // Whichever start-up step reads the bad section first wraps the validation error. WebApplicationFactory can
        // also lose the race with the failing host's disposal and throw ObjectDisposedException instead; the host has
        // logged the real cause by then, so the logs are the second witness.
        bool validationFailed = Chain(error).OfType<OptionsValidationException>().Any()
            || factory.Logs.Lines.Any(line => line.Contains(nameof(OptionsValidationException), StringComparison.Ordinal));
        Assert.True(validationFailed, error.ToString());
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is not null)
            {
                pending.Push(e.InnerException);
            }
        }
    }

    [Fact]
    public async Task DefaultK_is_configurable()
    {
        using var factory = new SessionRecFactory().With("Recommendations:DefaultK", "4");
        var rec = await factory.CreateClient().RecommendAsync("s");
        Assert.Equal(4, rec.GetProperty("recommendations").GetArrayLength());
    }

    [Fact]
    public void A_missing_model_directory_stops_the_server_at_start()
    {
        using var factory = new SessionRecFactory().With("Model:Path", "/nonexistent/model-dir");
        Assert.ThrowsAny<Exception>(() => factory.CreateClient());
    }
}
