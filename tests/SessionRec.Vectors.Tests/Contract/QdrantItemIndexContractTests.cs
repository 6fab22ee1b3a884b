using SessionRec.Core.Ranking;
using SessionRec.Vectors.Qdrant;

namespace SessionRec.Vectors.Tests.Contract;

/// <summary>Runs against a real Qdrant when QDRANT_URL (its gRPC endpoint, e.g. http://localhost:6334) is set; skipped otherwise.</summary>
public sealed class QdrantItemIndexContractTests : ItemIndexContractTests, IAsyncDisposable
{
    private readonly List<QdrantItemIndex> _created = [];

    protected override double ScoreTolerance => 1e-3;

    public static string? Url => Environment.GetEnvironmentVariable("QDRANT_URL");

    public async ValueTask DisposeAsync()
    {
        foreach (var index in _created)
        {
            try
            {
                await index.DropCollectionAsync(CancellationToken.None);
            }
            finally
            {
                index.Dispose();
            }
        }
    }

    protected override async Task<IMutableItemIndex> CreateAsync(float[] embeddings, int dimension)
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Url), "QDRANT_URL is not set: no Qdrant server to test against.");
        var options = new ItemIndexOptions
        {
            Provider = ItemIndexProvider.Qdrant,
            Qdrant = new QdrantIndexOptions { Url = Url, Collection = $"sessionrec-test-{Guid.NewGuid():N}", HnswEf = 512 },
        };

        var index = (QdrantItemIndex)await ItemIndexFactory.CreateAsync(
            options, embeddings, dimension, TestContext.Current.CancellationToken);
        _created.Add(index);
        // The contract tests dispose the index they get; this wrapper keeps the client open for the collection drop.
        return new NonDisposing(index);
    }

    private sealed class NonDisposing(QdrantItemIndex inner) : IMutableItemIndex
    {
        public int Dimension => inner.Dimension;

        public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
            inner.Search(query, exclude, destination);

        public ValueTask<int> SearchAsync(
            ReadOnlyMemory<float> query, ReadOnlyMemory<int> exclude, Memory<ScoredItem> destination, CancellationToken cancellationToken = default) =>
            inner.SearchAsync(query, exclude, destination, cancellationToken);

        public Task UpsertAsync(IReadOnlyList<ItemUpsert> items, CancellationToken cancellationToken = default) =>
            inner.UpsertAsync(items, cancellationToken);

        public Task DeleteAsync(IReadOnlyList<int> indices, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(indices, cancellationToken);

        public void Dispose()
        {
        }
    }
}
