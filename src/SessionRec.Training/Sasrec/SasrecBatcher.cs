using SessionRec.Tensors;

namespace SessionRec.Training.Sasrec;

/// <summary>
/// Turns training sequences into next-item examples and deals them into length-bucketed batches, so a batch pads to
/// little more than its own length. By default one example per sequence (input s[..^1], targets s[1..], the newest
/// MaxLen positions); with prefixes, one example per position (input s[..k], the single target s[k]), as BSARec and
/// ICSRec train: the predicting item then always sits at the window's last position, as it does when serving.
/// </summary>
internal sealed class SasrecBatcher
{
    private readonly int[][] _inputs;
    private readonly int[][] _targets;
    private readonly int _batchSize;
    private readonly int _maxLen;

    public SasrecBatcher(IReadOnlyList<int[]> sequences, int maxLen, int batchSize, bool prefixes = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var inputs = new List<int[]>(sequences.Count);
        var targets = new List<int[]>(sequences.Count);
        foreach (var s in sequences)
        {
            if (s.Length < 2)
            {
                continue;
            }

            if (!prefixes)
            {
                var window = s.AsSpan(Math.Max(0, s.Length - 1 - maxLen));
                inputs.Add(window[..^1].ToArray());
                targets.Add(window[1..].ToArray());
                continue;
            }

            for (int k = 1; k < s.Length; k++)
            {
                var input = s.AsSpan(Math.Max(0, k - maxLen), Math.Min(k, maxLen)).ToArray();
                var target = new int[input.Length];
                target[^1] = s[k];
                inputs.Add(input);
                targets.Add(target);
            }
        }

        _inputs = [.. inputs];
        _targets = [.. targets];
        _batchSize = batchSize;
        _maxLen = maxLen;
        Positions = _targets.Sum(t => (long)t.Count(item => item != 0));
    }

    public int Examples => _inputs.Length;

    /// <summary>Positions with a loss per epoch.</summary>
    public long Positions { get; }

    public int BatchesPerEpoch => (_inputs.Length + _batchSize - 1) / _batchSize;

    /// <summary>Mean positions with a loss per batch over an epoch: the loss's normalizer.</summary>
    public double PositionsPerBatch => (double)Positions / BatchesPerEpoch;

    /// <summary>
    /// One epoch's batches. Examples are sorted by length with random tie-breaks (so batch membership changes every
    /// epoch) and the batches are visited in random order (so lengths do not come as a curriculum).
    /// </summary>
    public IReadOnlyList<int[]> EpochBatches(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var keys = new (int Length, ulong Tie, int Index)[_inputs.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = (_inputs[i].Length, random.NextUInt64(), i);
        }

        Array.Sort(keys);
        var batches = new int[BatchesPerEpoch][];
        for (int b = 0; b < batches.Length; b++)
        {
            int start = b * _batchSize;
            int end = Math.Min(keys.Length, start + _batchSize);
            batches[b] = [.. keys[start..end].Select(k => k.Index)];
        }

        for (int i = batches.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (batches[i], batches[j]) = (batches[j], batches[i]);
        }

        return batches;
    }

    public SasrecBatch Batch(int[] examples)
    {
        int[][] inputs = [.. examples.Select(e => _inputs[e])];
        int longest = inputs.Max(s => s.Length);
        return SasrecBatch.Create(inputs, [.. examples.Select(e => _targets[e])], PaddedLength(longest, _maxLen));
    }

    /// <summary>
    /// Batch lengths above 8 round up to a multiple of 8 (capped at the maximum length), so the shapes of a batch's
    /// tensors recur and the tape's pool reuses their arrays; the extra padding is masked and costs only transformer
    /// work, never scoring (the loss gathers the real positions first).
    /// </summary>
    internal static int PaddedLength(int longest, int maxLen) =>
        longest <= 8 ? Math.Max(1, longest) : Math.Min(Math.Max(longest, maxLen), (longest + 7) / 8 * 8);
}
