using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Serving;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Reload;

/// <summary>POST /api/v1/admin/model/reload and Model:Watch: load, check, warm, swap; refused models leave the old serving.</summary>
public sealed class ModelReloadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reload").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Swaps_between_vsknn_and_sasrec_under_concurrent_requests_without_one_failing()
    {
        string vsknn = ModelDirectories.Vsknn(_root, "vsknn");
        string sasrec = ModelDirectories.Sasrec(_root, "sasrec");
        using var factory = new SessionRecFactory().With("Model:Path", vsknn);
        var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var models = new HashSet<string>();
        int served = 0;
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (int n = 0; !stop.IsCancellationRequested; n++)
            {
                string session = $"w{w}-{n % 40}";
                var click = await client.ClickAsync(session, $"item{(n * 7 % 300) + 1}");
                var rec = await client.PostJsonAsync("/api/v1/recommend", $$"""{"session_id":"{{session}}","k":10}""");
                var body = await rec.ReadJsonAsync();
                lock (failures)
                {
                    if (!click.IsSuccessStatusCode || !rec.IsSuccessStatusCode)
                    {
                        failures.Add($"click {(int)click.StatusCode}, recommend {(int)rec.StatusCode}");
                    }
                    else if (body.GetProperty("used_coldstart").GetBoolean())
                    {
                        // The model failing on a request (e.g. a disposed ONNX session) falls back to cold start.
                        failures.Add(body.GetProperty("message").GetString()!);
                    }
                    else
                    {
                        models.Add(body.GetProperty("model").GetString()!);
                    }
                }

                Interlocked.Increment(ref served);
            }
        }, ct)).ToArray();

        var versions = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            var response = await client.PostJsonAsync("/api/v1/admin/model/reload", JsonSerializer.Serialize(new { path = i % 2 == 0 ? sasrec : vsknn }));
            var body = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(i % 2 == 0 ? "sasrec" : "vsknn", body.GetProperty("name").GetString());
            versions.Add(body.GetProperty("model_version").GetString()!);
            await Task.Delay(30, ct);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.Empty(failures);
        Assert.True(served > 20, $"only {served} request pairs ran");
        Assert.Equal(["sasrec", "vsknn"], models.Order());
        // The version is a hash of the files: the same directory always gives the same version, the two differ.
        Assert.Equal(2, versions.Distinct().Count());
        Assert.Equal(versions[0], versions[8]);
        // Every replaced model has finished its last request and been disposed.
        Assert.Equal(0, factory.Services.GetRequiredService<ModelSlot>().Retiring);
        var info = await (await client.GetAsync("/api/v1/model", ct)).ReadJsonAsync();
        Assert.Equal(versions[^1], info.GetProperty("model_version").GetString());
        Assert.Equal(0, info.GetProperty("retiring").GetInt32());
    }

    [Fact]
    public async Task A_model_with_non_finite_weights_is_refused_and_the_old_one_keeps_serving()
    {
        string vsknn = ModelDirectories.Vsknn(_root, "vsknn");
        string poisoned = ModelDirectories.Sasrec(_root, "poisoned", poisoned: true);
        using var factory = new SessionRecFactory().With("Model:Path", vsknn);
        var client = factory.CreateClient();
        var before = await ModelInfoAsync(client);

        var response = await client.PostJsonAsync("/api/v1/admin/model/reload", JsonSerializer.Serialize(new { path = poisoned }));

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "poisoned");
        Assert.Equal(before.GetProperty("model_version").GetString(), (await ModelInfoAsync(client)).GetProperty("model_version").GetString());
        await client.ClickAsync("s", "item5");
        var rec = await client.RecommendAsync("s", 5);
        Assert.Equal("vsknn", rec.GetProperty("model").GetString());
        Assert.False(rec.GetProperty("used_coldstart").GetBoolean());
    }

    [Fact]
    public async Task Missing_files_and_a_foreign_vocabulary_are_refused_with_the_reason()
    {
        string vsknn = ModelDirectories.Vsknn(_root, "vsknn");
        string broken = ModelDirectories.Vsknn(_root, "broken");
        File.Delete(Path.Combine(broken, "items.txt"));
        string foreign = ModelDirectories.Vsknn(_root, "foreign", prefix: "other");
        using var factory = new SessionRecFactory().With("Model:Path", vsknn);
        var client = factory.CreateClient();

        var missing = await client.PostJsonAsync("/api/v1/admin/model/reload", JsonSerializer.Serialize(new { path = broken }));
        var other = await client.PostJsonAsync("/api/v1/admin/model/reload", JsonSerializer.Serialize(new { path = foreign }));
        var absent = await client.PostJsonAsync("/api/v1/admin/model/reload", JsonSerializer.Serialize(new { path = Path.Combine(_root, "nowhere") }));

        Assert.Contains("items.txt", await AssertRefusedAsync(missing, HttpStatusCode.UnprocessableEntity, "broken"), StringComparison.Ordinal);
        Assert.Contains("catalog", await AssertRefusedAsync(other, HttpStatusCode.UnprocessableEntity, "foreign"), StringComparison.Ordinal);
        await AssertRefusedAsync(absent, HttpStatusCode.UnprocessableEntity, "nowhere");
        Assert.Equal("vsknn", (await ModelInfoAsync(client)).GetProperty("source").GetString());
    }

    [Fact]
    public async Task An_empty_post_reloads_model_path_and_the_demo_has_nothing_to_reload()
    {
        string vsknn = ModelDirectories.Vsknn(_root, "vsknn");
        using var configured = new SessionRecFactory().With("Model:Path", vsknn);
        using var demo = new SessionRecFactory();
        var ct = TestContext.Current.CancellationToken;

        var before = await ModelInfoAsync(configured.CreateClient());
        var reloaded = await configured.CreateClient().PostAsync("/api/v1/admin/model/reload", null, ct);
        var conflict = await demo.CreateClient().PostAsync("/api/v1/admin/model/reload", null, ct);

        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        var body = await reloaded.ReadJsonAsync();
        Assert.Equal(before.GetProperty("model_version").GetString(), body.GetProperty("previous_model_version").GetString());
        Assert.Equal(before.GetProperty("model_version").GetString(), body.GetProperty("model_version").GetString());
        Assert.Contains("Model:Path", await AssertRefusedAsync(conflict, HttpStatusCode.Conflict, "demo"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_needs_the_admin_role()
    {
        using var factory = new SessionRecFactory()
            .With("Model:Path", ModelDirectories.Vsknn(_root, "vsknn"))
            .With("Auth:ApiKeys:0:Key", "public-key-0123456789").With("Auth:ApiKeys:0:Role", "public")
            .With("Auth:ApiKeys:1:Key", "admin-key-0123456789").With("Auth:ApiKeys:1:Role", "admin");
        var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/model/reload");
        using var asPublic = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/model/reload") { Headers = { { "X-Api-Key", "public-key-0123456789" } } };
        using var asAdmin = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/model/reload") { Headers = { { "X-Api-Key", "admin-key-0123456789" } } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(anonymous, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(asPublic, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(asAdmin, ct)).StatusCode);
    }

    [Fact]
    public async Task Watching_model_path_follows_a_symlink_to_a_new_directory()
    {
        string vsknn = ModelDirectories.Vsknn(_root, "vsknn");
        string sasrec = ModelDirectories.Sasrec(_root, "sasrec");
        string current = Path.Combine(_root, "current");
        Directory.CreateSymbolicLink(current, vsknn);
        using var factory = new SessionRecFactory().With("Model:Path", current).With("Model:Watch", "true").With("Model:WatchInterval", "00:00:01");
        var client = factory.CreateClient();
        Assert.Equal("vsknn", (await ModelInfoAsync(client)).GetProperty("name").GetString());

        Directory.Delete(current);
        Directory.CreateSymbolicLink(current, sasrec);
        string name = "vsknn";
        for (int i = 0; i < 100 && name != "sasrec"; i++)
        {
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50, TestContext.Current.CancellationToken);
            name = (await ModelInfoAsync(client)).GetProperty("name").GetString()!;
        }

        Assert.Equal("sasrec", name);
    }

    private static async Task<JsonElement> ModelInfoAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/model", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Asserts a problem+json refusal naming the directory (by name only, never its path) and returns its detail.</summary>
    private async Task<string> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string name)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string detail = (await response.ReadJsonAsync()).GetProperty("detail").GetString()!;
        Assert.Contains(name, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_root, detail, StringComparison.Ordinal);
        return detail;
    }
}
