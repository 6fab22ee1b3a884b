using System.Net.Http.Json;
using System.Text;
using SessionRec.Core.Items;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Shop;

/// <summary>
/// Property test through the API for every model kind and local item index: random availability changes, sessions,
/// filters and k; no answer (session, stateless or related) ever holds an unavailable or filtered-out item, and every
/// /recommend answer holds min(k, eligible) items.
/// </summary>
public sealed class NoHiddenItemPropertyTests : IDisposable
{
    private const int ItemCount = 120;
    private static readonly string[] Categories = ["red", "green", "blue", "black"];
    private readonly string _root = Directory.CreateTempSubdirectory("no-hidden").FullName;
    private readonly ItemVocabulary _vocabulary = new(Enumerable.Range(1, ItemCount).Select(Id));

    public static TheoryData<string, string> Configurations => new()
    {
        { "vsknn", "Exact" },
        { "popularity", "Exact" },
        { "hybrid", "Exact" },
        { "sasrec", "Exact" },
        { "sasrec", "USearch" },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task No_answer_ever_holds_an_unavailable_or_filtered_out_item(string kind, string index)
    {
        string dir = Write(kind);
        string catalogPath = Path.Combine(_root, "catalog.csv");
        var categoryOf = Enumerable.Range(1, ItemCount).ToDictionary(Id, i => Categories[i % Categories.Length]);
        await File.WriteAllTextAsync(catalogPath, "item_id,name,category\n" + string.Concat(categoryOf.Select(p => $"{p.Key},\"Item {p.Key}, nice\",{p.Value}\n")), TestContext.Current.CancellationToken);
        using var factory = new SessionRecFactory().With("Model:Path", dir).With("Catalog:Path", catalogPath).With("ItemIndex:Provider", index);
        var client = factory.CreateClient();
        var available = categoryOf.Keys.ToDictionary(id => id, _ => true);
        var random = new Random(kind.Length + index.Length);

        for (int round = 0; round < 40; round++)
        {
            // Flip a few items' availability in one batch.
            var flips = Enumerable.Range(0, random.Next(1, 12)).Select(_ => Id(random.Next(1, ItemCount + 1))).Distinct().ToArray();
            foreach (var id in flips)
            {
                available[id] = random.Next(3) == 0; // mostly hidden, so masks get sparse
            }

            var batch = "[" + string.Join(',', flips.Select(id => $"{{\"item_id\":\"{id}\",\"available\":{(available[id] ? "true" : "false")}}}")) + "]";
            Assert.True((await client.PostBatchAsync(batch)).IsSuccessStatusCode);

            string session = $"s{round}";
            var clicks = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Id(random.Next(1, ItemCount + 1))).ToArray();
            foreach (var click in clicks)
            {
                await client.ClickAsync(session, click);
            }

            var allowed = random.Next(3) == 0 ? null : Categories.Where(_ => random.Next(2) == 0).DefaultIfEmpty("red").ToArray();
            var excludedCategories = random.Next(3) == 0 ? new[] { Categories[random.Next(Categories.Length)] } : null;
            var excludedItems = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Id(random.Next(1, ItemCount + 1))).ToArray();
            int k = random.Next(1, 40);
            bool Eligible(string id) => available[id] && (allowed is null || allowed.Contains(categoryOf[id]))
                && (excludedCategories is null || !excludedCategories.Contains(categoryOf[id])) && !excludedItems.Contains(id);
            var filter = new { categories = allowed, exclude_categories = excludedCategories, exclude_items = excludedItems.Length == 0 ? null : excludedItems };

            var stored = await client.RecommendJsonAsync(new { session_id = session, k, filter });
            var stateless = await client.RecommendJsonAsync(new { items = clicks.Length == 0 ? [Id(1)] : clicks, k, filter });
            var query = new StringBuilder($"/api/v1/items/{Id(random.Next(1, ItemCount + 1))}/related?k={k}");
            if (allowed is not null)
            {
                query.Append("&categories=").Append(string.Join(',', allowed));
            }

            if (excludedCategories is not null)
            {
                query.Append("&exclude_categories=").Append(excludedCategories[0]);
            }

            var related = await (await client.GetAsync(query.ToString(), TestContext.Current.CancellationToken)).ReadJsonAsync();

            var served = stored.GetProperty("recommendations").Strings();
            Assert.All(served, id => Assert.True(Eligible(id), $"{kind}/{index} round {round}: served hidden or filtered {id}: {stored}"));
            Assert.All(stateless.GetProperty("recommendations").Strings(), id => Assert.True(Eligible(id), $"{kind}/{index}: stateless served {id}"));
            Assert.All(related.GetProperty("recommendations").Strings(), id => Assert.True(available[id]
                && (allowed is null || allowed.Contains(categoryOf[id])) && (excludedCategories is null || !excludedCategories.Contains(categoryOf[id])), $"{kind}/{index}: related served {id}"));
            int eligible = categoryOf.Keys.Count(id => Eligible(id) && !clicks.Contains(id));
            Assert.Equal(Math.Min(k, eligible), served.Length);
        }
    }

    private string Write(string kind)
    {
        string dir = Path.Combine(_root, kind);
        var random = new Random(5);
        int[][] sessions = [.. Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, random.Next(2, 6)).Select(_ => random.Next(1, ItemCount + 1)).ToArray())];
        switch (kind)
        {
            case "vsknn":
                VsknnModelStore.Save(dir, new VsknnModel(_vocabulary, sessions));
                ModelFiles.WriteManifest(dir, new ModelManifest { Type = VsknnModel.TypeName });
                break;
            case "popularity":
                PopularityModelStore.Save(dir, new PopularityModel(_vocabulary, Counts(sessions)));
                ModelFiles.WriteManifest(dir, new ModelManifest { Type = PopularityModel.TypeName });
                break;
            case "hybrid":
                HybridModelStore.Save(dir, [Write("vsknn"), Write("popularity")], [0.7f, 0.3f], new RepeatOptions());
                break;
            case "sasrec":
                RandomSasrecDirectory.Write(dir, _vocabulary);
                break;
        }

        return dir;
    }

    private static long[] Counts(int[][] sessions)
    {
        var counts = new long[ItemCount + 1];
        foreach (int item in sessions.SelectMany(s => s))
        {
            counts[item]++;
        }

        return counts;
    }

    private static string Id(int i) => $"item{i}";

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
