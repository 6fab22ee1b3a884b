using SessionRec.Core.Items;
using SessionRec.Core.Ranking;

namespace SessionRec.Models.Popularity;

/// <summary>
/// Recommends the items clicked most often in training, regardless of the session (ties: lower index first).
/// Immutable after construction, so concurrent calls are safe.
/// </summary>
public sealed class PopularityModel : INextItemModel
{
    public const string TypeName = "popularity";

    private readonly long[] _counts;
    private readonly int[] _ranking;

    /// <param name="counts">Clicks per item, indexed by dense index; length N + 1, entry 0 ignored.</param>
    public PopularityModel(ItemVocabulary vocabulary, IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != vocabulary.Count + 1)
        {
            throw new ArgumentException($"Expected {vocabulary.Count + 1} counts (padding included), got {counts.Count}.", nameof(counts));
        }

        Vocabulary = vocabulary;
        _counts = [.. counts];
        _counts[0] = 0;
        _ranking = PopularityRanking.Order(_counts);
    }

    public string Name => TypeName;

    public ItemVocabulary Vocabulary { get; }

    /// <summary>Training clicks per dense index (entry 0 is padding).</summary>
    public IReadOnlyList<long> Counts => _counts;

    public static PopularityModel Fit(ItemVocabulary vocabulary, IEnumerable<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return new PopularityModel(vocabulary, PopularityRanking.Count(vocabulary.Count, sequences));
    }

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
        PopularityRanking.Fill(_ranking, _counts, exclude, destination, 0);
}
