using SessionRec.Core.Ranking;
using SessionRec.Vectors.USearch;

namespace SessionRec.Vectors.Tests.Contract;

public sealed class USearchItemIndexContractTests : ItemIndexContractTests
{
    // A beam wider than these small catalogs makes HNSW exact, so the brute-force reference applies unchanged;
    // a cheap build keeps graph swaps frequent in the concurrency test.
    internal static readonly USearchIndexOptions SmallExact = new() { M = 16, EfConstruction = 64, EfSearch = 512 };

    protected override Task<IMutableItemIndex> CreateAsync(float[] embeddings, int dimension) =>
        Task.FromResult<IMutableItemIndex>(new USearchItemIndex(embeddings, dimension, SmallExact));
}
