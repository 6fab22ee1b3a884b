using System.ComponentModel.DataAnnotations;

namespace SessionRec.Vectors;

/// <summary>Connection and search settings of the Qdrant provider (ItemIndex:Qdrant).</summary>
public sealed class QdrantIndexOptions
{
    /// <summary>The gRPC endpoint, e.g. http://localhost:6334 (6334 is gRPC; 6333 is REST and will not work).</summary>
    [Url]
    public string? Url { get; set; }

    /// <summary>Collection name; created with Dot distance and the model's dimension when missing.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,200}$")]
    public string Collection { get; set; } = "sessionrec-items";

    /// <summary>HNSW candidate list size per search (Qdrant's hnsw_ef); higher raises recall and latency.</summary>
    [Range(1, 4096)]
    public int HnswEf { get; set; } = 128;

    public string? ApiKey { get; set; }

    /// <summary>Points per upsert request: large enough to amortise round trips, small enough for gRPC message limits.</summary>
    [Range(1, 10_000)]
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>Deadline of each gRPC call, so a stalled Qdrant cannot hang a request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
