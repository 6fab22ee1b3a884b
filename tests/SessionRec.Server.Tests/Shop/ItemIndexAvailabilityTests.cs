using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Items;
using SessionRec.Core.Retrieval;
using SessionRec.Core.Serving;
using SessionRec.Server.Tests.Infrastructure;
using SessionRec.Vectors.USearch;

namespace SessionRec.Server.Tests.Shop;

/// <summary>Availability written through PUT /items reaches the served model's item index itself (its upsert contract).</summary>
public sealed class ItemIndexAvailabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("index-availability").FullName;
    private readonly ItemVocabulary _vocabulary = new(Enumerable.Range(1, 50).Select(i => $"item{i}"));

    public ItemIndexAvailabilityTests() => RandomSasrecDirectory.Write(_dir, _vocabulary, dim: 8, heads: 1, maxLen: 5, seed: 2);

    [Theory]
    [InlineData("Exact")]
    [InlineData("USearch")]
    public async Task An_unavailable_item_is_hidden_by_the_index_and_shown_again_when_available(string provider)
    {
        using var factory = new SessionRecFactory().With("Model:Path", _dir).With("ItemIndex:Provider", provider);
        var client = factory.CreateClient();
        var index = factory.Services.GetRequiredService<ModelSlot>().Current!.Index!;
        ItemTable Table() => index switch
        {
            ExactItemIndex exact => exact.Items,
            USearchItemIndex usearch => usearch.Items,
            _ => throw new InvalidOperationException(index.GetType().Name),
        };
        Assert.True(_vocabulary.TryGetIndex("item7", out int row));
        var vectorBefore = Table().Vector(row).ToArray();

        await client.PutItemAsync("item7", """{"available":false,"category":"sold-out"}""");
        bool hidden = !Table().IsVisible(row);
        string? category = Table().Category(row);
        await client.PutItemAsync("item7", """{"available":true}""");

        Assert.True(hidden);
        Assert.Equal("sold-out", category);
        Assert.True(Table().IsVisible(row));
        Assert.Equal(vectorBefore, Table().Vector(row).ToArray()); // the vector written back is the model's own
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
