using Microsoft.Extensions.Configuration;
using SessionRec.Server.Hosting;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Hosting;

/// <summary>Port 8000 only when no standard setting chooses the address; each standard way wins over it.</summary>
public sealed class ListenAddressTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("urls", "http://127.0.0.1:5000", false)]
    [InlineData("http_ports", "8080", false)]
    [InlineData("https_ports", "8443", false)]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:5000", false)]
    [InlineData("urls", " ", true)]
    public void The_default_applies_only_when_no_address_setting_is_given(string? key, string? value, bool applies)
    {
        var settings = new Dictionary<string, string?>();
        if (key is not null)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal(applies, DefaultListenAddress.Applies(configuration));
    }

    [Fact]
    public void ASPNETCORE_HTTP_PORTS_reaches_configuration_as_the_key_the_default_checks()
    {
        // How the host reads it (the environment provider with the ASPNETCORE_ prefix); binding it for real would listen
        // on every interface, which tests here do not do.
        Environment.SetEnvironmentVariable("SESSIONREC_TEST_HTTP_PORTS", "8080");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("SESSIONREC_TEST_").Build();
            Assert.False(DefaultListenAddress.Applies(configuration));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SESSIONREC_TEST_HTTP_PORTS", null);
        }
    }

    [Theory]
    [InlineData("--urls")]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("Kestrel__Endpoints__Http__Url")]
    public async Task Each_standard_setting_moves_the_server_off_port_8000(string setting)
    {
        string url = $"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}";
        bool argument = setting.StartsWith("--", StringComparison.Ordinal);
        using var server = ServerProcess.Start(
            argument ? new Dictionary<string, string>() : new Dictionary<string, string> { [setting] = url },
            argument ? [setting, url] : []);

        string listening = await server.ListeningAsync(StartTimeout);

        Assert.Equal(url, listening);
        Assert.DoesNotContain(":8000", server.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_settings_the_server_takes_localhost_8000()
    {
        using var server = ServerProcess.Start(new Dictionary<string, string>());

        // Another process may hold 8000 on a shared machine: then the one-line start-up failure names the address.
        string evidence;
        try
        {
            evidence = await server.ListeningAsync(StartTimeout);
        }
        catch (InvalidOperationException)
        {
            evidence = server.Error;
        }

        Assert.Contains("localhost:8000", evidence, StringComparison.Ordinal);
    }
}
