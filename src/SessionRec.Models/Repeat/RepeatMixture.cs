using SessionRec.Core.Ranking;

namespace SessionRec.Models.Repeat;

/// <summary>
/// The mixture itself, apart from any model so that tuning replays exactly what serving computes: the base list
/// (best first) and the session give the final list.
/// </summary>
public static class RepeatMixture
{
    /// <summary>
    /// Distinct items of <paramref name="session"/> not in <paramref name="exclude"/>, newest first, with their repeat
    /// probability (Σ decay^(clicks since), normalized). Buffers must hold the session length. Returns their count.
    /// </summary>
    public static int RepeatCandidates(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, float decay, Span<int> items, Span<float> probabilities)
    {
        int count = 0;
        float total = 0;
        float weight = 1;
        for (int p = session.Length - 1; p >= 0; p--, weight *= decay)
        {
            int item = session[p];
            if (item <= 0 || exclude.Contains(item))
            {
                continue;
            }

            int slot = items[..count].IndexOf(item);
            if (slot < 0)
            {
                slot = count++;
                items[slot] = item;
                probabilities[slot] = 0;
            }

            probabilities[slot] += weight;
            total += weight;
        }

        for (int i = 0; i < count; i++)
        {
            probabilities[i] /= total;
        }

        return count;
    }

    /// <summary>
    /// Mixes the base list with the repeat candidates into <paramref name="destination"/>, best first (ties to the
    /// lower index). Returns how many were written.
    /// </summary>
    public static int Combine(
        ReadOnlySpan<ScoredItem> baseList,
        ReadOnlySpan<int> repeatItems,
        ReadOnlySpan<float> repeatProbabilities,
        RepeatOptions options,
        Span<ScoredItem> destination)
    {
        float w = options.Weight;
        double norm = Normalizer(baseList, options.Explore, out float max);
        int count = 0;
        foreach (var s in baseList)
        {
            double explore = Probability(s.Score, max, norm, options.Explore);
            int slot = repeatItems.IndexOf(s.Index);
            double repeat = slot >= 0 ? repeatProbabilities[slot] : 0;
            TopK.Offer(destination, ref count, new ScoredItem(s.Index, (float)(((1 - w) * explore) + (w * repeat))));
        }

        for (int r = 0; r < repeatItems.Length; r++)
        {
            if (!Contains(baseList, repeatItems[r]))
            {
                TopK.Offer(destination, ref count, new ScoredItem(repeatItems[r], w * repeatProbabilities[r]));
            }
        }

        TopK.SortDescending(destination[..count]);
        return count;
    }

    /// <summary>The sum a best-first list's scores are divided by to become probabilities; <paramref name="max"/> is its top score.</summary>
    public static double Normalizer(ReadOnlySpan<ScoredItem> list, ExploreScores scores, out float max)
    {
        max = list.IsEmpty ? 0 : list[0].Score;
        double norm = 0;
        foreach (var s in list)
        {
            norm += scores == ExploreScores.Softmax ? Math.Exp(s.Score - max) : Math.Max(s.Score, 0f);
        }

        return norm;
    }

    /// <summary>A score's probability within its list (see <see cref="Normalizer"/>); 0 when the list has no mass.</summary>
    public static double Probability(float score, float max, double norm, ExploreScores scores) =>
        norm <= 0 ? 0 : scores == ExploreScores.Softmax ? Math.Exp(score - max) / norm : Math.Max(score, 0f) / norm;

    private static bool Contains(ReadOnlySpan<ScoredItem> list, int item)
    {
        foreach (var s in list)
        {
            if (s.Index == item)
            {
                return true;
            }
        }

        return false;
    }
}
