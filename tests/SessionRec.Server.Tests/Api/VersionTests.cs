using System.Reflection;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

/// <summary>One build version (MinVer, from git) everywhere a client can read it, and the same as the CLI's.</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task Health_model_and_OpenAPI_show_the_version_every_assembly_carries()
    {
        string server = Informational(typeof(Program).Assembly);
        string cli = Informational(typeof(SessionRec.Cli.CliApp).Assembly);
        using var factory = new SessionRecFactory();
        var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var health = await (await client.GetAsync("/api/v1/health", ct)).ReadJsonAsync();
        var model = await (await client.GetAsync("/api/v1/model", ct)).ReadJsonAsync();
        var openApi = await (await client.GetAsync("/openapi/v1.json", ct)).ReadJsonAsync();

        Assert.Equal(cli, server);
        Assert.Matches(@"^\d+\.\d+\.\d+", server);
        Assert.Equal(server, health.GetProperty("version").GetString());
        Assert.Equal(server, model.GetProperty("version").GetString());
        Assert.Equal(server, openApi.GetProperty("info").GetProperty("version").GetString());
    }

    private static string Informational(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
}
