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

        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
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
