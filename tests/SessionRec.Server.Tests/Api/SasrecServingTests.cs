using SessionRec.Core.Items;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Sasrec;
using SessionRec.Server.Tests.Infrastructure;
using SessionRec.Server.Tests.Reload;

namespace SessionRec.Server.Tests.Api;

/// <summary>
/// A SASRec directory (ONNX encoder + item embeddings) served through each local item-index provider. The weights
/// are random: these tests check serving, not quality (the Models tests and the README figures cover that).
/// </summary>
public sealed class SasrecServingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sasrec-dir").FullName;

    public SasrecServingTests() => ModelDirectories.WriteSasrec(_dir);

    [Theory]
    [InlineData("Exact", "ExactItemIndex")]
    [InlineData("USearch", "USearchItemIndex")]
    public async Task Serves_sasrec_through_the_configured_item_index(string provider, string indexType)
    {
        using var factory = new SessionRecFactory().With("Model:Path", _dir).With("ItemIndex:Provider", provider);
        var client = factory.CreateClient();
        await client.ClickAsync("s", "item7");
        await client.ClickAsync("s", "item42");

        var rec = await client.RecommendAsync("s", 10);
        var health = await client.HealthAsync();

        Assert.Equal("sasrec", rec.GetProperty("model").GetString());
        Assert.Equal("model", rec.GetProperty("strategy").GetString());
        var items = rec.GetProperty("recommendations").Strings();
        Assert.Equal(10, items.Distinct().Count());
        Assert.DoesNotContain("item7", items);
        // Health queried that very index and ran a canary inference through it.
        Assert.Equal(indexType, health.Detail("vector_store"));
        Assert.Equal("healthy", health.Component("vector_store"));
        Assert.Equal("healthy", health.Component("model"));
    }

    [Fact]
    public async Task USearch_serves_the_same_top_10_as_the_exact_scan_on_a_small_catalog()
    {
        using var exact = new SessionRecFactory().With("Model:Path", _dir).With("ItemIndex:Provider", "Exact");
        using var hnsw = new SessionRecFactory().With("Model:Path", _dir).With("ItemIndex:Provider", "USearch");
        int same = 0;
        for (int s = 0; s < 20; s++)
        {
            var lists = new List<string[]>();
            foreach (var factory in new[] { exact, hnsw })
            {
                var client = factory.CreateClient();
                await client.ClickAsync($"s{s}", $"item{(s * 7 % 300) + 1}");
                await client.ClickAsync($"s{s}", $"item{(s * 13 % 300) + 1}");
                lists.Add((await client.RecommendAsync($"s{s}", 10)).GetProperty("recommendations").Strings());
            }

            same += lists[0].Intersect(lists[1]).Count();
        }

        Assert.True(same >= 190, $"recall@10 of USearch vs exact: {same / 200.0:F3}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
