using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;

namespace SessionRec.Models.ModelDirectory;

/// <summary>Choices the host makes for every kind it loads.</summary>
public sealed record ModelLoadOptions
{
    public static ModelLoadOptions Default { get; } = new();

    /// <summary>
    /// Builds the item index an embedding model searches from its item table (row-major [N + 1, dimension], row 0
    /// padding). The exact scan by default; the server passes its configured provider (USearch, Qdrant), so the
    /// choice of index is configuration, not a different model directory.
    /// </summary>
    public Func<ReadOnlyMemory<float>, int, CancellationToken, Task<IItemIndex>> ItemIndex { get; init; } =
        (table, dimension, _) => Task.FromResult<IItemIndex>(new ExactItemIndex(table.Span, dimension));
}
