using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Sessions;
using SessionRec.Server.Tests.Infrastructure;
using SessionRec.Server.Tests.Reload;

namespace SessionRec.Server.Tests.Online;

/// <summary>Knn:Online: V-SKNN learns from sessions that ended, a new catalog item becomes the model's, erased sessions never count.</summary>
public sealed class OnlineKnnTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("online").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_new_item_is_recommended_by_the_model_once_ended_sessions_contain_it_and_erased_sessions_are_never_absorbed()
    {
        string vsknn = ModelDirectories.Vsknn(_root, "vsknn");
        string catalog = Path.Combine(_root, "catalog.csv");
        await File.WriteAllLinesAsync(catalog, ["item_id,name,category", .. Enumerable.Range(1, 300).Select(i => $"item{i},Item {i},c"), "fresh1,Launched today,c"], TestContext.Current.CancellationToken);
        using var factory = new SessionRecFactory()
            .With("Model:Path", vsknn).With("Catalog:Path", catalog)
            .With("Knn:Online:MaxSessions", "100").With("Knn:Online:Interval", "00:01:00").With("Sessions:Ttl", "00:01:00");
        var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        for (int s = 0; s < 5; s++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync($"early{s}", "item5")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync($"early{s}", "fresh1")).StatusCode);
        }

        await client.ClickAsync("erased", "item200");
        await client.ClickAsync("erased", "item201");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/sessions/delete", """{"session_id":"erased"}""")).StatusCode);
        await client.ClickAsync("before", "item5");
        Assert.False(await ModelRecommendsAsync(client, "before", "fresh1"));
        string version = await VersionAsync(client);

        // The sessions expire, the sweep absorbs them, the publisher rebuilds the model.
        for (int i = 0; i < 50 && await VersionAsync(client) == version; i++)
        {
            factory.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50, ct);
        }

        Assert.StartsWith(version.Split('+')[0] + "+", await VersionAsync(client), StringComparison.Ordinal);
        await client.ClickAsync("after", "item5");
        Assert.True(await ModelRecommendsAsync(client, "after", "fresh1"));
        var window = factory.Services.GetRequiredService<EndedSessionWindow>();
        Assert.DoesNotContain(window.Snapshot().SelectMany(s => s), i => i is "item200" or "item201");
        Assert.InRange(window.Count, 5, 100);
    }

    /// <summary>Whether the model itself (a positive score, not the trending fill) put <paramref name="item"/> in the list.</summary>
    private static async Task<bool> ModelRecommendsAsync(HttpClient client, string session, string item)
    {
        var rec = await client.RecommendAsync(session, 50);
        Assert.Equal("model", rec.GetProperty("strategy").GetString());
        var items = rec.GetProperty("recommendations").Strings();
        var scores = rec.GetProperty("scores").EnumerateArray().Select(s => s.GetDouble()).ToArray();
        int at = Array.IndexOf(items, item);
        return at >= 0 && scores[at] > 0;
    }

    private static async Task<string> VersionAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/model", TestContext.Current.CancellationToken)).ReadJsonAsync()).GetProperty("model_version").GetString()!;
}
