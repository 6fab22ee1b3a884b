using System.ComponentModel.DataAnnotations;

namespace SessionRec.Vectors;

/// <summary>HNSW parameters of the USearch provider (ItemIndex:USearch). See docs/item-index.md for measured trade-offs.</summary>
public sealed class USearchIndexOptions
{
    /// <summary>Graph connectivity (edges per node). Higher raises recall, memory and build time.</summary>
    [Range(4, 128)]
    public int M { get; set; } = 16;

    /// <summary>Candidate list size while building; higher gives a better graph and slower (re)builds.</summary>
    [Range(8, 4096)]
    public int EfConstruction { get; set; } = 128;

    /// <summary>Candidate list size while searching; the main recall/latency knob.</summary>
    [Range(8, 4096)]
    public int EfSearch { get; set; } = 256;

    /// <summary>
    /// Build the graph on the MIPS-to-L2 transform (one extra dimension) instead of raw inner products. Inner-product
    /// graphs lose much recall on embeddings whose norms vary (trained SASRec); see docs/item-index.md.
    /// </summary>
    public bool MipsTransform { get; set; } = true;

    /// <summary>
    /// Searches allowed inside the native index at once; 0 means one per processor. Values above the processor
    /// count are lowered to it, because the native index only has that many search contexts.
    /// </summary>
    [Range(0, 1024)]
    public int MaxConcurrentSearches { get; set; }
}
