using System.Buffers;
using System.Collections.Concurrent;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Repeat;

namespace SessionRec.Models.Hybrid;

/// <summary>One model of a <see cref="HybridModel"/> with its share of the blend.</summary>
public sealed record HybridPart(INextItemModel Model, float Weight, ExploreScores Scores);

/// <summary>
/// A score blend of several models served with one call: each part's top list is turned into probabilities (a
/// softmax for logit models such as SASRec, score over sum for session-kNN) and the parts are mixed with their
/// weights, P(i) = Σ w_p·P_p(i). Parts may have different vocabularies (e.g. kNN on the full log, SASRec on its
/// training part): items are matched by id, and the hybrid ranks the first part's vocabulary.
/// </summary>
public sealed class HybridModel : INextItemModel, IDisposable
{
    public const string TypeName = "hybrid";

    /// <summary>Items taken from each part's list before blending.</summary>
    public const int Pool = 100;

    private readonly int[][] _toPart;
    private readonly int[][] _fromPart;
    private readonly ConcurrentBag<Scratch> _scratch = [];

    public HybridModel(IReadOnlyList<HybridPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0 || parts.Any(p => !(p.Weight >= 0)) || !(parts.Sum(p => p.Weight) > 0))
        {
            throw new ArgumentException("A hybrid needs at least one part and non-negative weights with a positive sum.", nameof(parts));
        }

        Parts = parts;
        Vocabulary = parts[0].Model.Vocabulary;
        _toPart = new int[parts.Count][];
        _fromPart = new int[parts.Count][];
        for (int p = 0; p < parts.Count; p++)
        {
            var vocabulary = parts[p].Model.Vocabulary;
            _toPart[p] = new int[Vocabulary.Count + 1];
            _fromPart[p] = new int[vocabulary.Count + 1];
            for (int i = 1; i <= Vocabulary.Count; i++)
            {
                if (vocabulary.TryGetIndex(Vocabulary[i], out int j))
                {
                    _toPart[p][i] = j;
                    _fromPart[p][j] = i;
                }
            }
        }
    }

    public IReadOnlyList<HybridPart> Parts { get; }

    public string Name => TypeName;

    public ItemVocabulary Vocabulary { get; }

    public void Dispose()
    {
        foreach (var part in Parts)
        {
            (part.Model as IDisposable)?.Dispose();
        }
    }

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (!_scratch.TryTake(out var scratch))
        {
            scratch = new Scratch(Vocabulary.Count);
        }

        int[] mapped = ArrayPool<int>.Shared.Rent(session.Length + exclude.Length);
        int size = Math.Max(Pool, destination.Length);
        var list = ArrayPool<ScoredItem>.Shared.Rent(size);
        try
        {
            int g = scratch.Begin();
            int touched = 0;
            float total = 0;
            foreach (var part in Parts)
            {
                total += part.Weight;
            }

            for (int p = 0; p < Parts.Count; p++)
            {
                int s = Map(session, _toPart[p], mapped);
                int e = Map(exclude, _toPart[p], mapped.AsSpan(s));
                if (s == 0 || Parts[p].Weight == 0)
                {
                    continue;
                }

                int found = Parts[p].Model.Recommend(mapped.AsSpan(0, s), mapped.AsSpan(s, e), list.AsSpan(0, size));
                double norm = RepeatMixture.Normalizer(list.AsSpan(0, found), Parts[p].Scores, out float max);
                for (int r = 0; r < found; r++)
                {
                    int item = _fromPart[p][list[r].Index];
                    if (item == 0 || norm <= 0)
                    {
                        continue;
                    }

                    double probability = RepeatMixture.Probability(list[r].Score, max, norm, Parts[p].Scores);
                    if (scratch.Stamp[item] != g)
                    {
                        scratch.Stamp[item] = g;
                        scratch.Scores[item] = 0;
                        scratch.Touched[touched++] = item;
                    }

                    scratch.Scores[item] += (float)(Parts[p].Weight / total * probability);
                }
            }

            int count = 0;
            for (int t = 0; t < touched; t++)
            {
                int item = scratch.Touched[t];
                TopK.Offer(destination, ref count, new ScoredItem(item, scratch.Scores[item]));
            }

            TopK.SortDescending(destination[..count]);
            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(mapped);
            ArrayPool<ScoredItem>.Shared.Return(list);
            _scratch.Add(scratch);
        }
    }

    private static int Map(ReadOnlySpan<int> items, int[] toPart, Span<int> destination)
    {
        int n = 0;
        foreach (int item in items)
        {
            if (item > 0 && item < toPart.Length && toPart[item] > 0)
            {
                destination[n++] = toPart[item];
            }
        }

        return n;
    }

    private sealed class Scratch(int itemCount)
    {
        private int _generation;

        public int[] Stamp { get; } = new int[itemCount + 1];

        public float[] Scores { get; } = new float[itemCount + 1];

        public int[] Touched { get; } = new int[itemCount];

        public int Begin()
        {
            if (_generation == int.MaxValue)
            {
                Array.Clear(Stamp);
                _generation = 0;
            }

            return ++_generation;
        }
    }
}
