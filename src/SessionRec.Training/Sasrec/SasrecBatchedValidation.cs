using SessionRec.Core.Ranking;
using SessionRec.Models.Sasrec;
using SessionRec.Tensors;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Sasrec;

/// <summary>
/// SASRec's per-epoch validation, batched: the cases are encoded a batch at a time by the network's inference forward
/// (the one <see cref="SasrecNetworkEncoder"/> runs on one history), their last hidden states are scored against the
/// item table with one GEMM, and each row's top list is picked by <see cref="TopK"/> with the served exclusions (the
/// served ranking's own selection), then reported through the <see cref="Evaluator"/>'s own tally. It ranks as
/// <see cref="SasrecValidation.Evaluate"/> does up to float rounding (GEMM and the served scan add products in
/// different orders; padding regroups the attention's softmax sums), so only near-ties can swap; it exists because
/// scoring one user at a time re-reads the whole item table per user. Batches run in parallel, each on one engine
/// thread, and every case writes only its own slot, so the result does not depend on
/// <see cref="EvaluationOptions.Threads"/>.
/// </summary>
public sealed class SasrecBatchedValidation
{
    public const int DefaultBatchSize = 128;

    // Padded positions per batch: at d 128 each activation of a batch is then at most 2 MB, about 40 MB a forward.
    private const int MaxTokens = 4096;

    // A worker's tape keeps the arrays of its previous batch for the next batch (shapes recur: lengths are rounded).
    // On Beauty 8 MB left so much garbage that peak RSS rose to 1.58 GB; 96 MB did no better than 48.
    private const long PoolBudgetBytes = 48L << 20;

    private static readonly DeterministicRandom NoDropout = new(0);

    private readonly SasrecNetwork _network;
    private readonly EvaluationSet _set;
    private readonly EvaluationOptions _options;
    private readonly List<int[]> _batches;
    private readonly int _largestBatch;
    private readonly int _workers;

    /// <summary>
    /// A validation of <paramref name="network"/>'s current weights on <paramref name="set"/>, to run after every epoch:
    /// the batches are made once. Each <see cref="Evaluate()"/> makes its workers' buffers afresh and drops them, which
    /// kept Beauty's peak RSS lower than keeping them for the run (1.12 against 1.22 GB over two epochs).
    /// </summary>
    public SasrecBatchedValidation(SasrecNetwork network, EvaluationSet set, EvaluationOptions options, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        options.Validate();
        _network = network;
        _set = set;
        _options = options;
        _batches = Batches(set, network.Config, batchSize);
        _largestBatch = _batches.Count == 0 ? 1 : _batches.Max(b => b.Length);
        _workers = Math.Max(1, Math.Min(options.Threads, _batches.Count));
    }

    public static EvaluationResult Evaluate(SasrecNetwork network, EvaluationSet set, EvaluationOptions options,
        int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default) =>
        new SasrecBatchedValidation(network, set, options, batchSize).Evaluate(cancellationToken);

    public EvaluationResult Evaluate(CancellationToken cancellationToken = default)
    {
        var tally = new RankingTally(_set, _options);
        int next = -1;

        // One worker per thread, taking the next batch when done: Parallel.ForEach's local state would be rebuilt
        // whenever the loop recycles its tasks, and with it the score block and the tape's pool.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _workers, CancellationToken = cancellationToken };
        Parallel.For(0, _workers, parallel, _ =>
        {
            var worker = new Worker(_network, _largestBatch, tally.MaxK);
            int b;
            while ((b = Interlocked.Increment(ref next)) < _batches.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                worker.Rank(_set, _batches[b], tally);
            }
        });
        return tally.Result(_network.Config.ItemCount);
    }

    /// <summary>
    /// Case indices sorted by the length of their input window (ties by case order), cut into batches of at most
    /// <paramref name="batchSize"/> cases and <paramref name="maxTokens"/> padded positions (one case at least), so a
    /// batch pads only up to its own longest window and the forward's activations stay small for long windows.
    /// </summary>
    internal static List<int[]> Batches(EvaluationSet set, SasrecConfig config, int batchSize, int maxTokens = MaxTokens)
    {
        var keys = new (int Length, int Case)[set.Cases.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = (Window(set, i, config).Length, i);
        }

        Array.Sort(keys);
        var batches = new List<int[]>();
        var current = new List<int>(batchSize);
        foreach (var (length, c) in keys)
        {
            // Sorted by length, so this case's padded length is the batch's if it joins.
            long tokens = (long)(current.Count + 1) * SasrecBatcher.PaddedLength(length, config.MaxLen);
            if (current.Count > 0 && (current.Count == batchSize || tokens > maxTokens))
            {
                batches.Add([.. current]);
                current.Clear();
            }

            current.Add(c);
        }

        if (current.Count > 0)
        {
            batches.Add([.. current]);
        }

        return batches;
    }

    private static ReadOnlySpan<int> Window(EvaluationSet set, int i, SasrecConfig config) =>
        SessionWindow.Select(set.History(set.Cases[i]), config.MaxLen, config.ItemCount);

    /// <summary>
    /// Writes the hidden state at the newest item of each window (each at most MaxLen long) into
    /// <paramref name="destination"/> [windows, Dim], then resets <paramref name="tape"/>.
    /// </summary>
    internal static void EncodeLast(SasrecNetwork network, Tape tape, int[][] windows, Span<float> destination)
    {
        int d = network.Config.Dim;
        // Rounded up as in training, so shapes recur and the tape's pool serves the next batch from this one's arrays.
        var batch = SasrecBatch.Create(windows, length: SasrecBatcher.PaddedLength(windows.Max(w => w.Length), network.Config.MaxLen));
        var hidden = network.Encode(tape, batch, dropout: 0f, NoDropout);
        int t = batch.Length;
        for (int b = 0; b < windows.Length; b++)
        {
            // Left padding puts every window's newest item at the last position.
            hidden.Data.AsSpan((((b + 1) * t) - 1) * d, d).CopyTo(destination.Slice(b * d, d));
        }

        tape.Reset();
    }

    /// <summary>One worker's buffers: bounded by one batch (hidden states and a [batch, items + 1] score block).</summary>
    private sealed class Worker(SasrecNetwork network, int batchSize, int maxK)
    {
        private readonly Tape _tape = new(recording: false, training: false, poolBudgetBytes: PoolBudgetBytes);
        private readonly float[] _queries = new float[batchSize * network.Config.Dim];
        private readonly float[] _scores = new float[(long)batchSize * (network.Config.ItemCount + 1)];
        private readonly ScoredItem[] _top = new ScoredItem[maxK];

        public void Rank(EvaluationSet set, int[] cases, RankingTally tally)
        {
            var config = network.Config;
            int d = config.Dim, rows = config.ItemCount + 1;

            // Batches run side by side, so each keeps to one engine thread; the forward does not depend on the count.
            using (TensorEngine.UseThreads(1))
            {
                EncodeLast(network, _tape, [.. cases.Select(i => Window(set, i, config).ToArray())], _queries);
                Gemm.Multiply(false, true, cases.Length, rows, d, _queries, network.Weights.ItemEmbedding, _scores);
            }

            for (int b = 0; b < cases.Length; b++)
            {
                int i = cases[b];
                int count = TopK.Select(_scores.AsSpan(b * rows, rows), tally.Exclusions(i), _top);
                tally.Record(i, _top.AsSpan(0, count));
            }
        }
    }
}
