using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Repeat;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

/// <summary>SASRec through the model-kind registry: load, check, serve, describe; non-finite models are refused.</summary>
public sealed class SasrecModelKindTests : IDisposable
{
    private static readonly SasrecConfig Config = new() { ItemCount = 30, Dim = 8, Blocks = 1, Heads = 2, MaxLen = 6, FfnDim = 8 };
    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loads_checks_serves_and_describes_through_the_registry()
    {
        var weights = Write(seed: 31);

        var (kind, served, _, description) = await ModelKindRegistry.Default.LoadAsync(_dir.Path, cancellationToken: Ct);
        using var disposable = (IDisposable)served;
        var model = Assert.IsType<RepeatAwareModel>(served).Inner;

        Assert.Equal("sasrec", kind.Name);
        Assert.Empty(kind.Check(model));
        var top = new ScoredItem[5];
        int[] session = [3, 7, 9];
        Assert.Equal(5, model.Recommend(session, session, top));
        var query = new float[Config.Dim];
        new SasrecReferenceEncoder(weights).Encode(session, query);
        int best = Enumerable.Range(1, Config.ItemCount).Where(i => !session.Contains(i))
            .MaxBy(i => Dot(weights.ItemEmbedding.AsSpan(i * Config.Dim, Config.Dim), query));
        Assert.Equal(best, top[0].Index);
        Assert.Equal(description, kind.Describe(model));
        Assert.Equal(("sasrec", Config.ItemCount, "ExactItemIndex"), (description.Kind, description.Items, description.ItemIndex));
        Assert.Null(description.TrainingCounts);
    }

    [Fact]
    public async Task The_host_chooses_the_item_index_and_the_async_path_awaits_it()
    {
        Write(seed: 32);
        var index = new CountingIndexFactory();

        var (_, model, _, description) = await ModelKindRegistry.Default.LoadAsync(_dir.Path, new ModelLoadOptions { ItemIndex = index.CreateAsync }, Ct);
        using var disposable = (IDisposable)model;
        var top = new ScoredItem[4];
        int[] session = [1, 2];

        int n = await model.RecommendAsync(session, session, top, Ct);

        Assert.Equal(nameof(CountingIndex), description.ItemIndex);
        Assert.Equal(4, n);
        Assert.Equal(1, index.Created!.AsyncSearches);

        // Seen items kept: the repeat mixture has candidates, and still awaits the index rather than blocking on it.
        var mixed = new ScoredItem[4];
        Assert.Equal(4, await model.RecommendAsync(session, ReadOnlyMemory<int>.Empty, mixed, Ct));
        Assert.Equal(2, index.Created.AsyncSearches);
        Assert.Contains(mixed, s => s.Index is 1 or 2);
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.NaN)]
    public async Task An_item_table_with_a_non_finite_value_is_refused(float value)
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 33);
        weights.ItemEmbedding[(5 * Config.Dim) + 2] = value;
        Write(weights);

        var error = await Assert.ThrowsAsync<ModelDirectoryException>(() => ModelKindRegistry.Default.LoadAsync(_dir.Path, cancellationToken: Ct));

        Assert.Contains("non-finite", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encoder_that_returns_non_finite_values_fails_the_check()
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 34);
        Array.Fill(weights.FinalNormBeta, float.NaN);
        Write(weights);

        var error = await Assert.ThrowsAsync<ModelDirectoryException>(() => ModelKindRegistry.Default.LoadAsync(_dir.Path, cancellationToken: Ct));

        Assert.Contains("the encoder returns non-finite values", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private SasrecWeights Write(int seed)
    {
        var weights = RandomSasrecWeights.Create(Config, seed);
        Write(weights);
        return weights;
    }

    private void Write(SasrecWeights weights)
    {
        SasrecArtifactWriter.Write(weights, _dir.Path);
        ModelFiles.WriteItems(_dir.Path, new ItemVocabulary(Enumerable.Range(1, Config.ItemCount).Select(i => $"i{i}")));
        ModelFiles.WriteManifest(_dir.Path, new ModelManifest { Type = SasrecArtifact.ModelName });
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    private sealed class CountingIndexFactory
    {
        public CountingIndex? Created { get; private set; }

        public Task<IItemIndex> CreateAsync(ReadOnlyMemory<float> table, int dimension, CancellationToken cancellationToken)
        {
            Created = new CountingIndex(new Core.Retrieval.ExactItemIndex(table.Span, dimension));
            return Task.FromResult<IItemIndex>(Created);
        }
    }

    /// <summary>An index standing in for a remote one: counts how the model reached it.</summary>
    private sealed class CountingIndex(IItemIndex inner) : IItemIndex
    {
        public int AsyncSearches { get; private set; }

        public int Dimension => inner.Dimension;

        public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
            throw new InvalidOperationException("The async path must not block on the synchronous search.");

        public async ValueTask<int> SearchAsync(ReadOnlyMemory<float> query, ReadOnlyMemory<int> exclude, Memory<ScoredItem> destination, CancellationToken cancellationToken = default)
        {
            AsyncSearches++;
            await Task.Yield();
            return inner.Search(query.Span, exclude.Span, destination.Span);
        }
    }
}
