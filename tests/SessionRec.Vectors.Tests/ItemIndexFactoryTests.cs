using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;
using SessionRec.Vectors.Tests.Contract;
using SessionRec.Vectors.USearch;

namespace SessionRec.Vectors.Tests;

public class ItemIndexFactoryTests
{
    [Theory]
    [InlineData(ItemIndexProvider.Exact, typeof(ExactItemIndex))]
    [InlineData(ItemIndexProvider.USearch, typeof(USearchItemIndex))]
    public async Task Builds_the_configured_provider_over_the_embeddings(ItemIndexProvider provider, Type expected)
    {
        var embeddings = BruteForce.RandomMatrix(new Random(31), 51, 8);
        var options = new ItemIndexOptions { Provider = provider };

        using var index = await ItemIndexFactory.CreateAsync(options, embeddings, 8, TestContext.Current.CancellationToken);

        Assert.IsType(expected, index);
        Assert.Equal(8, index.Dimension);
        var top = new ScoredItem[60];
        Assert.Equal(50, index.Search(new float[8], [], top));
    }

    [Fact]
    public async Task Invalid_options_are_rejected_before_anything_is_built()
    {
        var options = new ItemIndexOptions { Provider = ItemIndexProvider.Qdrant };

        await Assert.ThrowsAsync<System.ComponentModel.DataAnnotations.ValidationException>(
            () => ItemIndexFactory.CreateAsync(options, new float[16], 8, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Rows_skips_the_padding_row_and_shares_memory()
    {
        float[] embeddings = [9f, 9f, 1f, 2f, 3f, 4f];

        var rows = ItemIndexFactory.Rows(embeddings, 2);

        Assert.Equal([1, 2], rows.Select(r => r.Index));
        Assert.Equal([3f, 4f], rows[1].Vector.ToArray());
    }
}
