using System.Collections.Concurrent;
using System.Diagnostics;
using SessionRec.Core.Ranking;

namespace SessionRec.Vectors.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IMutableItemIndex"/> provider must share, written once and run against each.
/// Small random catalogs keep the approximate providers exact (their search beam covers the whole graph), so one
/// brute-force reference serves all three.
/// </summary>
public abstract class ItemIndexContractTests
{
    private const int Dim = 16;
    private const int Items = 300;

    /// <summary>Builds the provider's index over <paramref name="embeddings"/> ([N + 1, dimension], row 0 padding).</summary>
    protected abstract Task<IMutableItemIndex> CreateAsync(float[] embeddings, int dimension);

    /// <summary>Score tolerance: in-process providers rescore exactly; a remote one may round differently.</summary>
    protected virtual double ScoreTolerance => 1e-4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Top_k_equals_brute_force_on_small_data()
    {
        var rng = new Random(11);
        var embeddings = BruteForce.RandomMatrix(rng, Items + 1, Dim);
        using var index = await CreateAsync(embeddings, Dim);

        for (int trial = 0; trial < 10; trial++)
        {
            var query = BruteForce.RandomMatrix(rng, 1, Dim);
            var expected = BruteForce.TopK(embeddings, Dim, query, 10, []);

            var top = new ScoredItem[10];
            int n = index.Search(query, [], top);

            AssertSame(expected, top[..n]);
        }
    }

    [Fact]
    public async Task Search_and_SearchAsync_agree()
    {
        var rng = new Random(12);
        var embeddings = BruteForce.RandomMatrix(rng, Items + 1, Dim);
        using var index = await CreateAsync(embeddings, Dim);
        var query = BruteForce.RandomMatrix(rng, 1, Dim);
        int[] exclude = [5, 6];

        var sync = new ScoredItem[10];
        var async = new ScoredItem[10];
        int n = index.Search(query, exclude, sync);
        int m = await index.SearchAsync(query, exclude, async, Ct);

        Assert.Equal(n, m);
        Assert.Equal(sync.Select(x => x.Index), async.Select(x => x.Index));
    }

    [Fact]
    public async Task Excluded_items_are_skipped_and_the_next_best_fill_in()
    {
        var rng = new Random(13);
        var embeddings = BruteForce.RandomMatrix(rng, Items + 1, Dim);
        using var index = await CreateAsync(embeddings, Dim);
        var query = BruteForce.RandomMatrix(rng, 1, Dim);
        int[] exclude = [.. BruteForce.TopK(embeddings, Dim, query, 7, []).Select(x => x.Index), 0, 9999];

        var top = new ScoredItem[10];
        int n = index.Search(query, exclude, top);

        AssertSame(BruteForce.TopK(embeddings, Dim, query, 10, exclude), top[..n]);
    }

    [Fact]
    public async Task Unavailable_items_are_never_returned_until_available_again()
    {
        var rng = new Random(14);
        var embeddings = BruteForce.RandomMatrix(rng, Items + 1, Dim);
        using var index = await CreateAsync(embeddings, Dim);
        var query = BruteForce.RandomMatrix(rng, 1, Dim);
        var best = BruteForce.TopK(embeddings, Dim, query, 5, []).Select(x => x.Index).ToArray();

        await index.UpsertAsync([.. best.Select(i => Row(embeddings, i, "shoes", available: false))], Ct);
        var top = new ScoredItem[10];
        int n = index.Search(query, [], top);
        AssertSame(BruteForce.TopK(embeddings, Dim, query, 10, best), top[..n]);

        await index.UpsertAsync([.. best.Select(i => Row(embeddings, i, "shoes", available: true))], Ct);
        n = index.Search(query, [], top);
        AssertSame(BruteForce.TopK(embeddings, Dim, query, 10, []), top[..n]);
    }

    [Fact]
    public async Task Upsert_replaces_a_vector_and_adds_new_items()
    {
        var rng = new Random(15);
        var embeddings = BruteForce.RandomMatrix(rng, Items + 1, Dim);
        using var index = await CreateAsync(embeddings, Dim);
        var query = BruteForce.RandomMatrix(rng, 1, Dim);
        var worst = Enumerable.Range(1, Items).MinBy(i => BruteForce.Dot(embeddings.AsSpan(i * Dim, Dim), query));
        var boosted = query.Select(x => x * 10f).ToArray();
        var opposite = query.Select(x => -x * 10f).ToArray();
        int added = Items + 5;

        await index.UpsertAsync(
            [new ItemUpsert(worst, boosted), new ItemUpsert(added, boosted), new ItemUpsert(added, opposite)], Ct);

        var top = new ScoredItem[3];
        int n = index.Search(query, [], top);
        Assert.Equal(3, n);
        Assert.Equal(worst, top[0].Index);
        Assert.Equal(BruteForce.Dot(boosted, query), top[0].Score, ScoreTolerance * 100);
        // The last entry for an index wins within a batch: item `added` points away from the query.
        Assert.DoesNotContain(added, top.Select(x => x.Index));

        var bottom = new ScoredItem[3];
        index.Search(opposite, [], bottom);
        Assert.Equal(added, bottom[0].Index);
    }

    [Fact]
    public async Task Delete_removes_items_and_ignores_unknown_ones()
    {
        var rng = new Random(16);
        var embeddings = BruteForce.RandomMatrix(rng, Items + 1, Dim);
        using var index = await CreateAsync(embeddings, Dim);
        var query = BruteForce.RandomMatrix(rng, 1, Dim);
        var best = BruteForce.TopK(embeddings, Dim, query, 3, []).Select(x => x.Index).ToArray();

        await index.DeleteAsync([.. best, 0, -3, Items + 1000], Ct);

        var top = new ScoredItem[10];
        int n = index.Search(query, [], top);
        AssertSame(BruteForce.TopK(embeddings, Dim, query, 10, best), top[..n]);

        // A deleted item comes back only through a new upsert.
        await index.UpsertAsync([Row(embeddings, best[0], null, available: true)], Ct);
        n = index.Search(query, [], top);
        AssertSame(BruteForce.TopK(embeddings, Dim, query, 10, best[1..]), top[..n]);
    }

    [Fact]
    public async Task The_padding_row_is_never_returned_and_cannot_be_written()
    {
        var rng = new Random(17);
        var embeddings = BruteForce.RandomMatrix(rng, Items + 1, Dim);
        var query = BruteForce.RandomMatrix(rng, 1, Dim);
        for (int j = 0; j < Dim; j++)
        {
            embeddings[j] = query[j] * 1000f; // row 0 would win every search
        }

        using var index = await CreateAsync(embeddings, Dim);

        var top = new ScoredItem[Items + 10];
        int n = index.Search(query, [], top);
        Assert.Equal(Items, n);
        Assert.DoesNotContain(0, top[..n].Select(x => x.Index));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => index.UpsertAsync([new ItemUpsert(0, query)], Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => index.UpsertAsync([new ItemUpsert(3, new float[Dim + 1])], Ct));
        Assert.ThrowsAny<ArgumentException>(() => index.Search(new float[Dim + 1], [], top));
    }

    [Fact]
    public async Task A_short_catalog_returns_every_visible_item()
    {
        float[] embeddings = [0f, 0f, 1f, 0f, 0f, 1f, 2f, 2f, -1f, 0f];
        using var index = await CreateAsync(embeddings, 2);
        await index.UpsertAsync([new ItemUpsert(4, new float[] { -1f, 0f }, Available: false)], Ct);

        var top = new ScoredItem[10];
        int n = index.Search([1f, 0f], [3], top);

        Assert.Equal(2, n);
        Assert.Equal([1, 2], top[..n].Select(x => x.Index));
        Assert.Equal(0, index.Search([1f, 0f], [3], Span<ScoredItem>.Empty));
    }

    [Fact]
    public async Task Concurrent_searches_during_upserts_never_fail_and_stay_valid()
    {
        const int dim = 16;
        const int items = 1500;
        const int k = 10;
        var rng = new Random(18);
        var embeddings = BruteForce.RandomMatrix(rng, items + 1, dim);
        using var index = await CreateAsync(embeddings, dim);
        // Items the writer never touches, hidden before the run: they must never appear, whatever the timing.
        int[] hidden = [.. Enumerable.Range(1, 40).Select(i => i * 37)];
        await index.UpsertAsync([.. hidden.Select(i => Row(embeddings, i, null, available: false))], Ct);
        int[] exclude = [1, 2, 3];

        var errors = new ConcurrentQueue<string>();
        long searches = 0;
        long writes = 0;
        var deadline = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(2);

        // Dedicated threads, not pool tasks: four CPU-bound loops would starve a small thread pool, and the writer
        // with it, so the test would not actually overlap writes with searches.
        var searchers = Enumerable.Range(0, 4).Select(s => Task.Factory.StartNew(() =>
        {
            var local = new Random(100 + s);
            var top = new ScoredItem[k];
            while (deadline.Elapsed < duration)
            {
                var query = BruteForce.RandomMatrix(local, 1, dim);
                try
                {
                    int n = (searches & 1) == 0
                        ? index.Search(query, exclude, top)
                        : index.SearchAsync(query, exclude, top, Ct).AsTask().GetAwaiter().GetResult();
                    string? problem = Validate(top.AsSpan(0, n), k, items + 10, exclude, hidden);
                    if (problem is not null)
                    {
                        errors.Enqueue(problem);
                    }
                }
                catch (Exception e)
                {
                    errors.Enqueue(e.ToString());
                }

                Interlocked.Increment(ref searches);
            }
        }, Ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var writer = Task.Factory.StartNew(() =>
        {
            var local = new Random(7);
            while (deadline.Elapsed < duration)
            {
                try
                {
                    // Vectors change (graph rebuild), payloads flip (no rebuild), items come and go.
                    var batch = Enumerable.Range(0, 20)
                        .Select(_ => local.Next(200, items + 10))
                        .Where(i => !hidden.Contains(i))
                        .Select(i => new ItemUpsert(i, BruteForce.RandomMatrix(local, 1, dim), "c", local.Next(4) > 0))
                        .ToArray();
                    index.UpsertAsync(batch, Ct).GetAwaiter().GetResult();
                    index.DeleteAsync([local.Next(200, items)], Ct).GetAwaiter().GetResult();
                    Interlocked.Increment(ref writes);
                }
                catch (Exception e)
                {
                    errors.Enqueue("writer: " + e);
                }
            }
        }, Ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        await Task.WhenAll([.. searchers, writer]);
        TestContext.Current.TestOutputHelper?.WriteLine($"{searches} searches and {writes} write rounds in {duration}.");

        Assert.Empty(errors);
        Assert.True(searches > 100, $"only {searches} searches ran");
        Assert.True(writes >= 2, $"only {writes} write rounds overlapped the searches");
    }

    private static string? Validate(ReadOnlySpan<ScoredItem> found, int k, int maxIndex, int[] exclude, int[] hidden)
    {
        if (found.Length != k)
        {
            return $"returned {found.Length} of {k}";
        }

        var seen = new HashSet<int>();
        for (int i = 0; i < found.Length; i++)
        {
            var item = found[i];
            if (item.Index < 1 || item.Index > maxIndex || !seen.Add(item.Index))
            {
                return $"invalid or duplicate index {item.Index}";
            }

            if (exclude.Contains(item.Index) || hidden.Contains(item.Index))
            {
                return $"returned excluded or unavailable item {item.Index}";
            }

            if (float.IsNaN(item.Score) || (i > 0 && item.Score > found[i - 1].Score))
            {
                return $"scores out of order at {i}";
            }
        }

        return null;
    }

    private static ItemUpsert Row(float[] embeddings, int index, string? category, bool available) =>
        new(index, embeddings.AsMemory(index * Dim, Dim), category, available);

    private void AssertSame(ScoredItem[] expected, ReadOnlySpan<ScoredItem> actual)
    {
        Assert.Equal(expected.Select(x => x.Index), actual.ToArray().Select(x => x.Index));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score, ScoreTolerance);
        }
    }
}
