using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Experiments;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Server.Hosting;
using SessionRec.Server.Tests.Infrastructure;
using SessionRec.Server.Tests.Shop;

namespace SessionRec.Server.Tests.Reload;

/// <summary>
/// Catalog availability across model swaps: an item hidden before a reload stays hidden after it, one hidden after it
/// is hidden in the new model's own index too, and an experiment arm's index follows catalog writes like the control's.
/// </summary>
public sealed class ReloadAvailabilityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reload-availability").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Items_hidden_before_and_after_a_reload_are_never_served_and_the_new_index_hides_them()
    {
        using var factory = new SessionRecFactory().With("Model:Path", ModelDirectories.Vsknn(_root, "vsknn"));
        var client = factory.CreateClient();
        await client.ClickAsync("probe", "item5");
        string hiddenBefore = (await client.RecommendAsync("probe", 10)).GetProperty("recommendations").Strings()[0];
        Assert.Equal(HttpStatusCode.OK, (await client.PutItemAsync(hiddenBefore, """{"available":false}""")).StatusCode);

        var reload = await client.PostJsonAsync("/api/v1/admin/model/reload", JsonSerializer.Serialize(new { path = ModelDirectories.Sasrec(_root, "sasrec") }));
        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        var loaded = factory.Services.GetRequiredService<ModelSlot>().Current!;
        Assert.Equal("sasrec", loaded.Model.Name);
        await client.ClickAsync("probe2", "item5");
        string hiddenAfter = (await client.RecommendAsync("probe2", 10)).GetProperty("recommendations").Strings()[0];
        Assert.NotEqual(hiddenBefore, hiddenAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.PutItemAsync(hiddenAfter, """{"available":false}""")).StatusCode);

        for (int i = 1; i <= 60; i++)
        {
            await client.ClickAsync($"s{i}", $"item{i}");
            await client.ClickAsync($"s{i}", $"item{(i * 7 % 300) + 1}");
            var served = (await client.RecommendAsync($"s{i}", 50)).GetProperty("recommendations").Strings();
            Assert.Equal(50, served.Length);
            Assert.DoesNotContain(hiddenBefore, served);
            Assert.DoesNotContain(hiddenAfter, served);
        }

        // The reloaded model's index itself (not only ranking's mask) no longer returns either item.
        var found = SearchNear(factory, loaded, hiddenBefore).Concat(SearchNear(factory, loaded, hiddenAfter)).ToList();
        Assert.NotEmpty(found);
        Assert.DoesNotContain(Row(loaded, hiddenBefore), found);
        Assert.DoesNotContain(Row(loaded, hiddenAfter), found);
    }

    [Fact]
    public async Task A_catalog_write_reaches_the_index_of_an_experiment_arm_with_a_slot_of_its_own()
    {
        using var factory = new SessionRecFactory()
            .With("Experiments:Arms:0:Name", "knn").With("Experiments:Arms:0:Model:Path", ModelDirectories.Vsknn(_root, "vsknn")).With("Experiments:Arms:0:Weight", "1")
            .With("Experiments:Arms:1:Name", "sasrec").With("Experiments:Arms:1:Model:Path", ModelDirectories.Sasrec(_root, "sasrec")).With("Experiments:Arms:1:Weight", "1");
        var client = factory.CreateClient();
        var arm = factory.Services.GetRequiredService<ExperimentArms>().Find("sasrec")!;
        var loaded = arm.Slot.Current!;
        Assert.NotSame(factory.Services.GetRequiredService<ModelSlot>(), arm.Slot);
        string item = "item42";
        Assert.Contains(Row(loaded, item), SearchNear(factory, loaded, item));

        Assert.Equal(HttpStatusCode.OK, (await client.PutItemAsync(item, """{"available":false}""")).StatusCode);

        var found = SearchNear(factory, loaded, item);
        Assert.NotEmpty(found);
        Assert.DoesNotContain(Row(loaded, item), found);
    }

    private static int Row(LoadedModel loaded, string itemId) =>
        loaded.Model.Vocabulary.TryGetIndex(itemId, out int row) ? row : throw new InvalidOperationException($"{itemId} is not in the model.");

    /// <summary>Searches the model's own index with the item's own vector: an available item is its own best match.</summary>
    private static int[] SearchNear(SessionRecFactory factory, LoadedModel loaded, string itemId)
    {
        var index = loaded.Index ?? throw new InvalidOperationException($"{loaded.Model.Name} has no item index.");
        Assert.True(factory.Services.GetRequiredService<ServedItemVectors>().TryGet(index, Row(loaded, itemId), out var vector));
        var destination = new ScoredItem[loaded.Model.Vocabulary.Count];
        int n = index.Search(vector.Span, [], destination);
        return [.. destination.Take(n).Select(s => s.Index)];
    }
}
