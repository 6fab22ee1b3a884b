namespace SessionRec.Vectors;

/// <summary>Which <see cref="Core.Ranking.IMutableItemIndex"/> serves the item embeddings (ItemIndex:Provider).</summary>
public enum ItemIndexProvider
{
    /// <summary>In-process SIMD scan; exact, and fast enough for catalogs of tens of thousands. The default.</summary>
    Exact,

    /// <summary>In-process USearch HNSW graph: sublinear search for large catalogs, approximate.</summary>
    USearch,

    /// <summary>A Qdrant collection over gRPC, shared by every replica.</summary>
    Qdrant,
}
