using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;

namespace SessionRec.Core.Tests.Retrieval;

public class ExactItemIndexMutationTests
{
    [Fact]
    public async Task Search_allocates_nothing_once_warm_even_with_hidden_items()
    {
        var rng = new Random(3);
        var embeddings = Enumerable.Range(0, 1001 * 32).Select(_ => rng.NextSingle() - 0.5f).ToArray();
        var index = new ExactItemIndex(embeddings, 32);
        await index.UpsertAsync([new ItemUpsert(5, embeddings.AsMemory(5 * 32, 32), Available: false)], TestContext.Current.CancellationToken);
        await index.DeleteAsync([7], TestContext.Current.CancellationToken);
        var query = new float[32];
        query.AsSpan().Fill(0.1f);
        int[] exclude = [1, 2];
        var top = new ScoredItem[10];
        index.Search(query, exclude, top);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            index.Search(query, exclude, top);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Upserts_beyond_the_matrix_extend_rows_and_leave_gaps_hidden()
    {
        var index = new ExactItemIndex([0f, 0f, 1f, 0f], 2);

        await index.UpsertAsync([new ItemUpsert(4, new float[] { 5f, 0f })], TestContext.Current.CancellationToken);

        Assert.Equal(5, index.Rows);
        var top = new ScoredItem[10];
        int n = index.Search([1f, 0f], [], top);
        Assert.Equal([new ScoredItem(4, 5f), new ScoredItem(1, 1f)], top[..n]);
    }

    [Fact]
    public void An_empty_index_is_filled_by_upserts()
    {
        using var index = new ExactItemIndex(ItemTable.Empty(2));
        var top = new ScoredItem[3];

        Assert.Equal(0, index.Search([1f, 0f], [], top));
    }
}
