using System.Net;
using System.Text.Json;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Reload;

/// <summary>
/// A reload body's <c>path</c> reads the server's disk: only directories under <c>Model:ReloadRoot</c> (by default the
/// directory holding <c>Model:Path</c>) load; anything else is a 403 problem that does not repeat the path.
/// </summary>
public sealed class ReloadRootTests : IDisposable
{
    private readonly string _models = Directory.CreateTempSubdirectory("reload-root").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("reload-elsewhere").FullName;

    public void Dispose()
    {
        Directory.Delete(_models, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }

    [Fact]
    public async Task By_default_only_siblings_of_model_path_load()
    {
        string served = ModelDirectories.Vsknn(_models, "served");
        string sibling = ModelDirectories.Vsknn(_models, "sibling");
        string outside = ModelDirectories.Vsknn(_elsewhere, "outside");
        string link = Path.Combine(_models, "link-out");
        Directory.CreateSymbolicLink(link, outside);
        using var factory = new SessionRecFactory().With("Model:Path", served);
        var client = factory.CreateClient();

        await AssertForbiddenAsync(await ReloadAsync(client, outside));
        await AssertForbiddenAsync(await ReloadAsync(client, Path.Combine(_models, "..", Path.GetFileName(_elsewhere), "outside")));
        await AssertForbiddenAsync(await ReloadAsync(client, link));
        await AssertForbiddenAsync(await ReloadAsync(client, "/etc"));
        Assert.Equal("served", await SourceAsync(client));

        var allowed = await ReloadAsync(client, sibling);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("sibling", await SourceAsync(client));
    }

    [Fact]
    public async Task A_configured_root_replaces_the_default()
    {
        string served = ModelDirectories.Vsknn(_models, "served");
        string sibling = ModelDirectories.Vsknn(_models, "sibling");
        string candidate = ModelDirectories.Vsknn(_elsewhere, "candidate");
        using var factory = new SessionRecFactory().With("Model:Path", served).With("Model:ReloadRoot", _elsewhere);
        var client = factory.CreateClient();

        await AssertForbiddenAsync(await ReloadAsync(client, sibling));
        Assert.Equal(HttpStatusCode.OK, (await ReloadAsync(client, candidate)).StatusCode);
        Assert.Equal("candidate", await SourceAsync(client));

        // The configured Model:Path itself may always be reloaded (an empty body), root or not.
        var empty = await client.PostAsync("/api/v1/admin/model/reload", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task The_demo_has_no_root_so_no_path_loads()
    {
        string somewhere = ModelDirectories.Vsknn(_elsewhere, "somewhere");
        using var factory = new SessionRecFactory();

        await AssertForbiddenAsync(await ReloadAsync(factory.CreateClient(), somewhere));
    }

    private static Task<HttpResponseMessage> ReloadAsync(HttpClient client, string path) =>
        client.PostJsonAsync("/api/v1/admin/model/reload", JsonSerializer.Serialize(new { path }));

    private static async Task<string?> SourceAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/model", TestContext.Current.CancellationToken);
        return (await response.ReadJsonAsync()).GetProperty("source").GetString();
    }

    private async Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Model:ReloadRoot", body, StringComparison.Ordinal);
        Assert.DoesNotContain(_elsewhere, body, StringComparison.Ordinal);
        Assert.DoesNotContain(_models, body, StringComparison.Ordinal);
        Assert.DoesNotContain("etc", body, StringComparison.Ordinal);
    }
}
