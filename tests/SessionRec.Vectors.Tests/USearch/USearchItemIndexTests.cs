using System.Collections.Concurrent;
using SessionRec.Core.Ranking;
using SessionRec.Vectors.Tests.Contract;
using SessionRec.Vectors.USearch;

namespace SessionRec.Vectors.Tests.USearch;

/// <summary>What only the USearch provider has: bounded native concurrency, graph reuse, and the exact fallback.</summary>
public class USearchItemIndexTests
{
    private const int Dim = 16;

    [Fact]
    public void Many_more_searchers_than_search_contexts_never_reach_the_native_error_path()
    {
        var rng = new Random(21);
        var embeddings = BruteForce.RandomMatrix(rng, 2001, Dim);
        using var index = new USearchItemIndex(embeddings, Dim, new USearchIndexOptions { EfSearch = 64 });
        var errors = new ConcurrentQueue<Exception>();

        // Shipped USearch throws when more searches run than it has contexts; 16 threads on any CPU count exceed that.
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
        {
            var local = new Random(t);
            var top = new ScoredItem[10];
            for (int i = 0; i < 200; i++)
            {
                try
                {
                    Assert.Equal(10, index.Search(BruteForce.RandomMatrix(local, 1, Dim), [], top));
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            }
        });

        Assert.Empty(errors);
        Assert.Equal(0, index.ExactFallbacks);
        Assert.InRange(index.MaxConcurrentSearches, 1, Environment.ProcessorCount);
    }

    [Fact]
    public async Task Hiding_most_of_the_catalog_still_fills_k_by_searching_wider()
    {
        var rng = new Random(22);
        var embeddings = BruteForce.RandomMatrix(rng, 1001, Dim);
        using var index = new USearchItemIndex(embeddings, Dim, USearchItemIndexContractTests.SmallExact);
        // 95% unavailable: the first oversampled request cannot fill K, so the search must widen (or fall back).
        var hidden = Enumerable.Range(1, 1000).Where(i => i % 20 != 0).ToArray();
        await index.UpsertAsync(
            [.. hidden.Select(i => new ItemUpsert(i, embeddings.AsMemory(i * Dim, Dim), Available: false))],
            TestContext.Current.CancellationToken);
        var query = BruteForce.RandomMatrix(rng, 1, Dim);

        var top = new ScoredItem[10];
        int n = index.Search(query, [20, 40], top);

        var expected = BruteForce.TopK(embeddings, Dim, query, 10, [20, 40], i => i % 20 == 0);
        Assert.Equal(expected.Select(x => x.Index), top[..n].Select(x => x.Index));
    }

    [Fact]
    public async Task Only_upserts_that_change_a_vector_rebuild_the_graph()
    {
        var embeddings = BruteForce.RandomMatrix(new Random(23), 101, Dim);
        using var index = new USearchItemIndex(embeddings, Dim);
        var ct = TestContext.Current.CancellationToken;

        await index.UpsertAsync([new ItemUpsert(5, embeddings.AsMemory(5 * Dim, Dim), "hats", Available: false)], ct);
        await index.DeleteAsync([6], ct);
        Assert.Equal(1, index.GraphBuilds);

        await index.UpsertAsync([new ItemUpsert(5, new float[Dim])], ct);
        Assert.Equal(2, index.GraphBuilds);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_graph_kinds_rank_by_inner_product_when_norms_vary(bool mipsTransform)
    {
        // Norms spread over 50x, like trained SASRec items: the transform must keep the inner-product order exactly
        // (a wide beam on a small catalog removes graph misses, so any difference would be the transform's).
        // Which graph has the better recall at a practical beam depends on the data: measure it (docs/item-index.md).
        var rng = new Random(24);
        const int items = 500;
        var embeddings = BruteForce.RandomMatrix(rng, items + 1, Dim);
        for (int i = 1; i <= items; i++)
        {
            float scale = 0.1f + (5f * rng.NextSingle() * rng.NextSingle());
            for (int j = 0; j < Dim; j++)
            {
                embeddings[(i * Dim) + j] *= scale;
            }
        }

        using var index = new USearchItemIndex(
            embeddings, Dim, new USearchIndexOptions { M = 32, EfConstruction = 256, EfSearch = 1024, MipsTransform = mipsTransform });
        var top = new ScoredItem[10];
        for (int q = 0; q < 20; q++)
        {
            var query = BruteForce.RandomMatrix(rng, 1, Dim);
            int n = index.Search(query, [], top);
            Assert.Equal(BruteForce.TopK(embeddings, Dim, query, 10, []).Select(x => x.Index), top[..n].Select(x => x.Index));
        }
    }

    [Fact]
    public void Options_above_the_processor_count_are_lowered_to_it()
    {
        using var index = new USearchItemIndex(
            new float[3 * Dim], Dim, new USearchIndexOptions { MaxConcurrentSearches = 4096 });

        Assert.Equal(Environment.ProcessorCount, index.MaxConcurrentSearches);
    }

    [Fact]
    public void A_disposed_index_refuses_searches()
    {
        var index = new USearchItemIndex(new float[3 * Dim], Dim);
        index.Dispose();
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(new float[Dim], [], new ScoredItem[1]));
    }
}
