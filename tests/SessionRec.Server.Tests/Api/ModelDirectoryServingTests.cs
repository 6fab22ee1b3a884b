using System.Net;
using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

/// <summary>The server serves a model directory written by the CLI's stores, with its items as the catalog.</summary>
public sealed class ModelDirectoryServingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("model-dir").FullName;
    private readonly ItemVocabulary _vocabulary = new(["a", "b", "c", "d", "e", "f"]);

    [Fact]
    public async Task Serves_a_popularity_directory_with_its_items_as_the_catalog()
    {
        var model = new PopularityModel(_vocabulary, [0, 5, 50, 1, 30, 2, 9]);
        PopularityModelStore.Save(_dir, model);
        ModelFiles.WriteManifest(_dir, new ModelManifest { Type = PopularityModel.TypeName, Test = new JsonObject { ["hr@10"] = 0.25 } });
        using var factory = new SessionRecFactory().With("Model:Path", _dir).With("ColdStart:MinClicksForModel", "1");
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.ClickAsync("s", "P00001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "e")).StatusCode);
        var rec = await client.RecommendAsync("s", 3);

        Assert.Equal("popularity", rec.GetProperty("model").GetString());
        Assert.Equal(["b", "d", "f"], rec.GetProperty("recommendations").Strings()); // "e" was clicked
        var health = await (await client.GetAsync("/api/v1/health", TestContext.Current.CancellationToken)).ReadJsonAsync();
        // The directory's name identifies the model; the server's file system stays private.
        string detail = health.GetProperty("details").GetProperty("model").GetString()!;
        Assert.Equal($"popularity ({Path.GetFileName(_dir)})", detail);
        Assert.DoesNotContain(Path.GetDirectoryName(_dir)!, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_a_vsknn_directory_and_a_catalog_file_names_the_items()
    {
        int[][] sessions = [[1, 2, 3], [1, 2, 4], [2, 3, 5], [4, 5, 6]];
        VsknnModelStore.Save(_dir, new VsknnModel(_vocabulary, sessions));
        ModelFiles.WriteManifest(_dir, new ModelManifest { Type = VsknnModel.TypeName });
        var catalog = Path.Combine(_dir, "catalog.csv");
        await File.WriteAllTextAsync(catalog, "item_id,name,category\na,Alpha,x\nb,Beta,x\nc,Gamma,y\nd,Delta,y\ne,Epsilon,z\nf,Phi,z\n", TestContext.Current.CancellationToken);
        using var factory = new SessionRecFactory().With("Model:Path", _dir).With("Catalog:Path", catalog);
        var client = factory.CreateClient();

        await client.ClickAsync("s", "a");
        await client.ClickAsync("s", "b");
        var rec = await client.RecommendAsync("s", 4);
        var item = await (await client.GetAsync("/api/v1/items/c", TestContext.Current.CancellationToken)).ReadJsonAsync();

        Assert.Equal("vsknn", rec.GetProperty("model").GetString());
        Assert.False(rec.GetProperty("used_coldstart").GetBoolean());
        Assert.Equal(4, rec.GetProperty("recommendations").GetArrayLength());
        Assert.DoesNotContain("a", rec.GetProperty("recommendations").Strings());
        Assert.Equal("Gamma", item.GetProperty("name").GetString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
