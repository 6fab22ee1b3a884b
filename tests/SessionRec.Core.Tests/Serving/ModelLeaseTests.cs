using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Core.Tests.Support;

namespace SessionRec.Core.Tests.Serving;

public class ModelLeaseTests
{
    [Fact]
    public void A_swapped_out_model_is_disposed_only_when_its_last_lease_ends()
    {
        var slot = new ModelSlot();
        var old = new DisposableModel("old");
        slot.Publish(Loaded(old));

        var first = slot.Acquire();
        var second = slot.Acquire();
        var next = new DisposableModel("next");
        slot.Publish(Loaded(next));

        Assert.Same(next, slot.Current!.Model);
        Assert.Same(old, first.Loaded!.Model);
        Assert.False(old.Disposed);
        Assert.Equal(1, slot.Retiring);

        first.Dispose();
        Assert.False(old.Disposed);
        second.Dispose();
        Assert.True(old.Disposed);
        Assert.Equal(0, slot.Retiring);
        Assert.False(next.Disposed);

        using var lease = slot.Acquire();
        Assert.Same(next, lease.Loaded!.Model);
    }

    [Fact]
    public void A_model_without_requests_is_disposed_at_the_swap()
    {
        var slot = new ModelSlot();
        var old = new DisposableModel("old");
        slot.Publish(Loaded(old));

        slot.Publish(Loaded(new DisposableModel("next")));

        Assert.True(old.Disposed);
        Assert.Equal(0, slot.Retiring);
    }

    [Fact]
    public void An_empty_slot_leases_nothing()
    {
        using var lease = new ModelSlot().Acquire();
        Assert.Null(lease.Loaded);
    }

    [Fact]
    public async Task Swaps_under_concurrent_requests_never_fail_one_and_dispose_every_old_model()
    {
        var first = new DisposableModel("m0", ServingPipeline.ItemIds);
        using var pipeline = new ServingPipeline(first);
        var slot = pipeline.Slot;
        var models = new List<DisposableModel> { first };
        using var stop = new CancellationTokenSource();
        int served = 0;
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            int n = 0;
            while (!stop.IsCancellationRequested)
            {
                string session = $"w{w}-{n++ % 50}";
                await pipeline.ClickAsync(session, ServingPipeline.ItemIds[n % ServingPipeline.Items]);
                var result = await pipeline.RecommendAsync(session);
                // A disposed model throws, which the recommender turns into a cold start: so every answer must be the model's.
                Assert.False(result.UsedColdStart, result.Message);
                Interlocked.Increment(ref served);
            }
        })).ToArray();

        for (int i = 1; i <= 50; i++)
        {
            var next = new DisposableModel($"m{i}", ServingPipeline.ItemIds);
            models.Add(next);
            slot.Publish(Loaded(next));
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(served > 50, $"only {served} requests ran");
        Assert.Equal(0, models.Sum(m => m.UsedAfterDispose));
        Assert.All(models[..^1], m => Assert.True(m.Disposed, $"{m.Name} was not disposed"));
        Assert.False(models[^1].Disposed);
        Assert.Equal(0, slot.Retiring);
    }

    private static LoadedModel Loaded(INextItemModel model) => new(model, "test", null, new Dictionary<string, double>());

    /// <summary>Ranks the first items of its vocabulary, slowly enough that swaps land mid-request; throws once disposed.</summary>
    private sealed class DisposableModel(string name, IReadOnlyList<string>? items = null) : INextItemModel, IDisposable
    {
        private int _disposed;
        private int _usedAfterDispose;

        public string Name { get; } = name;

        public ItemVocabulary Vocabulary { get; } = new(items ?? ["a", "b"]);

        public bool Disposed => Volatile.Read(ref _disposed) == 1;

        public int UsedAfterDispose => Volatile.Read(ref _usedAfterDispose);

        public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
        {
            Thread.Sleep(1); // long enough that swaps land while requests rank
            if (Disposed)
            {
                Interlocked.Increment(ref _usedAfterDispose);
                throw new ObjectDisposedException(Name);
            }

            int n = Math.Min(destination.Length, Vocabulary.Count);
            for (int i = 0; i < n; i++)
            {
                destination[i] = new ScoredItem(i + 1, 1f / (i + 1));
            }

            return n;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                throw new InvalidOperationException($"{Name} was disposed twice.");
            }
        }
    }
}
