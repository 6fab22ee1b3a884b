using System.Diagnostics;
using SessionRec.Core.Items;
using SessionRec.Tensors;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Sasrec;

/// <summary>
/// Trains SASRec with AdamW on length-bucketed batches, validates with the serving path's forward and ranking rules,
/// batched (see <see cref="SasrecBatchedValidation"/>), and keeps the weights of the epoch with the best validation
/// NDCG@10. A seed and a thread count fix the result bit for bit (the engine partitions work by fixed ranges; every
/// random draw comes from seeded generators in a fixed order).
/// </summary>
public static class SasrecTrainer
{
    private const int SelectionK = 10;

    private const long PoolBudgetBytes = 256L << 20;

    /// <param name="sequences">Training sequences, oldest item first; sequences shorter than 2 give no example.</param>
    /// <param name="validation">Early stopping set; null trains every epoch (or until the budget) and keeps the last.</param>
    /// <param name="excludeSeen">Validation ranking rule; null uses the protocol's default.</param>
    public static SasrecTrainingResult Train(
        IReadOnlyList<int[]> sequences,
        ItemVocabulary vocabulary,
        EvaluationSet? validation,
        SasrecTrainingOptions options,
        IProgress<SasrecTrainingProgress>? progress = null,
        bool? excludeSeen = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var threads = TensorEngine.UseThreads(options.Threads);
        var run = new Run(sequences, vocabulary, validation, options, progress, excludeSeen, cancellationToken);
        return run.Execute();
    }

    /// <summary>Independent, reproducible streams: changing one use of randomness leaves the others' draws alone.</summary>
    internal static DeterministicRandom Stream(int seed, ulong stream) =>
        new(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ (stream * 0xD1B54A32D192ED03UL));

    private sealed class Run
    {
        private readonly SasrecTrainingOptions _options;
        private readonly IProgress<SasrecTrainingProgress>? _progress;
        private readonly CancellationToken _cancellation;
        private readonly SasrecBatcher _batcher;
        private readonly SasrecNetwork _network;
        private readonly AdamW _optimizer;
        private readonly DeterministicRandom _shuffle;
        private readonly DeterministicRandom _dropout;
        private readonly DeterministicRandom _negatives;
        private readonly SasrecBatchedValidation? _validator;
        private readonly List<SasrecEpochRecord> _history = [];
        private readonly Stopwatch _clock = new();

        // One tape for the run: its pool hands each batch the arrays earlier batches released (the catalog-wide
        // scores by capacity), so steady-state training allocates little and needs no forced collections.
        private readonly Tape _tape = new(poolBudgetBytes: PoolBudgetBytes);
        private long _allocatedAtCollection;
        private SasrecWeights? _best;

        // With WeightAverageDecay > 0, the moving average of the weights is what validation scores and what is kept;
        // the raw weights wait in _live while it is validated.
        private readonly SasrecWeights? _average;
        private readonly SasrecWeights? _live;
        private long _averagedSteps;
        private EvaluationResult? _bestValidation;
        private double? _lastNdcg;
        private int _validatedEpoch;
        private double _validatedLoss;
        private int _bestEpoch;
        private int _validationsWithoutGain;
        private (int Epoch, double Loss)? _unvalidatedEpoch;

        public Run(IReadOnlyList<int[]> sequences, ItemVocabulary vocabulary, EvaluationSet? validation,
            SasrecTrainingOptions options, IProgress<SasrecTrainingProgress>? progress, bool? excludeSeen,
            CancellationToken cancellation)
        {
            _options = options;
            _progress = progress;
            _cancellation = cancellation;
            _batcher = new SasrecBatcher(sequences, options.MaxLen, options.BatchSize, options.PrefixExamples);
            if (_batcher.Examples == 0)
            {
                throw new ArgumentException("No training sequence has two or more items.", nameof(sequences));
            }

            var config = options.ToConfig(vocabulary.Count);
            _network = new SasrecNetwork(SasrecWeightsFactory.Initialize(config, options.InitStd, Stream(options.Seed, 1)));
            _optimizer = new AdamW(new AdamOptions
            {
                LearningRate = options.LearningRate,
                Beta2 = options.Beta2,
                WeightDecay = options.WeightDecay,
                MaxGradNorm = options.MaxGradNorm,
            });
            foreach (var (parameter, decay) in _network.Parameters)
            {
                _optimizer.Add(parameter, decay);
            }

            if (options.WeightAverageDecay > 0f)
            {
                _average = SasrecWeightsFactory.Clone(_network.Weights);
                _live = SasrecWeightsFactory.Clone(_network.Weights);
            }

            _shuffle = Stream(options.Seed, 2);
            _dropout = Stream(options.Seed, 3);
            _negatives = Stream(options.Seed, 4);
            var evaluation = new EvaluationOptions { Ks = [5, 10, 20], ExcludeSeen = excludeSeen, Threads = options.Threads };
            _validator = validation is null ? null : new SasrecBatchedValidation(_network, validation, evaluation);
        }

        public SasrecTrainingResult Execute()
        {
            _clock.Start();
            var stop = SasrecStopReason.Epochs;
            int epoch = 0;
            while (epoch < _options.Epochs)
            {
                epoch++;
                var (loss, batches, trainTime, interrupted) = TrainEpoch(epoch);
                stop = interrupted ?? stop;
                if (batches == 0)
                {
                    // Stopped before this epoch began: nothing to record, only weights not yet validated to check.
                    epoch--;
                    if (_validator is not null && _unvalidatedEpoch is { } pending && interrupted != SasrecStopReason.Cancelled)
                    {
                        var started = _clock.Elapsed;
                        var late = Validate(pending.Epoch, pending.Loss);
                        _history[^1] = _history[^1] with { Validation = late, ValidationTime = _clock.Elapsed - started };
                    }

                    break;
                }

                bool last = epoch == _options.Epochs || interrupted is not null;
                EvaluationResult? result = null;
                var validationTime = TimeSpan.Zero;
                _unvalidatedEpoch = (epoch, loss);
                if (_validator is not null && interrupted != SasrecStopReason.Cancelled
                    && (last || epoch % _options.EvaluateEvery == 0))
                {
                    var started = _clock.Elapsed;
                    result = Validate(epoch, loss);
                    validationTime = _clock.Elapsed - started;
                    _unvalidatedEpoch = null;
                    if (_validationsWithoutGain >= _options.Patience && interrupted is null)
                    {
                        stop = SasrecStopReason.EarlyStopping;
                        last = true;
                    }
                }

                _history.Add(new SasrecEpochRecord(epoch, loss, trainTime, result, validationTime));
                if (last)
                {
                    break;
                }
            }

            if (_best is null)
            {
                _bestEpoch = epoch;
            }

            return new SasrecTrainingResult(_best ?? _average ?? _network.Weights, _bestEpoch, _bestValidation, _history, stop, _clock.Elapsed);
        }

        private (double Loss, int Batches, TimeSpan Time, SasrecStopReason? Interrupted) TrainEpoch(int epoch)
        {
            var started = _clock.Elapsed;
            var batches = _batcher.EpochBatches(_shuffle);
            double lossSum = 0;
            int done = 0;
            SasrecStopReason? interrupted = null;
            foreach (var examples in batches)
            {
                if (_cancellation.IsCancellationRequested)
                {
                    interrupted = SasrecStopReason.Cancelled;
                    break;
                }

                if (_options.TimeBudgetSeconds is { } budget && _clock.Elapsed.TotalSeconds >= budget)
                {
                    interrupted = SasrecStopReason.TimeBudget;
                    break;
                }

                lossSum += Step(_batcher.Batch(examples));
                done++;
                Report(SasrecTrainingPhase.Training, epoch, done, batches.Count, lossSum / done);
            }

            return (done == 0 ? double.NaN : lossSum / done, done, _clock.Elapsed - started, interrupted);
        }

        private float Step(SasrecBatch batch)
        {
            var hidden = _network.Encode(_tape, batch, _options.Dropout, _dropout, _options.AttentionDropout);
            var loss = SasrecObjective.Loss(
                _tape, _network, hidden, batch, _options.Loss, _options.Negatives, _negatives, _batcher.PositionsPerBatch);
            float value = loss.Item();
            _tape.Backward(loss);
            _network.ClearPaddingGradient();
            _optimizer.Step();
            _tape.Reset();
            if (_average is not null)
            {
                // A plain mean of the steps so far until the decay's horizon is reached, then the moving average:
                // the initial weights never count, so short runs (small shops, few steps) average trained weights.
                _averagedSteps++;
                float rate = Math.Max(1f - _options.WeightAverageDecay, 1f / _averagedSteps);
                SasrecWeightsFactory.MoveAverage(_average, _network.Weights, rate);
            }

            // The pool serves recurring shapes; arrays of shapes it dropped are garbage that the GC, left to its own
            // budget, lets grow to several GB on this 2-core box (measured 3.3 GB peak without this). Collect when that
            // garbage could amount to a pool's worth, not every batch.
            long allocated = GC.GetTotalAllocatedBytes();
            if (allocated - _allocatedAtCollection > PoolBudgetBytes)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
                _allocatedAtCollection = GC.GetTotalAllocatedBytes();
            }

            return value;
        }

        private EvaluationResult Validate(int epoch, double loss)
        {
            Report(SasrecTrainingPhase.Validating, epoch, _batcher.BatchesPerEpoch, _batcher.BatchesPerEpoch, loss);
            if (_average is not null)
            {
                SasrecWeightsFactory.CopyInto(_network.Weights, _live!);
                SasrecWeightsFactory.CopyInto(_average, _network.Weights);
            }

            var result = _validator!.Evaluate();
            double ndcg = result.At(SelectionK).Ndcg;
            _lastNdcg = ndcg;
            _validatedEpoch = epoch;
            _validatedLoss = loss;
            if (_bestValidation is null || ndcg > _bestValidation.At(SelectionK).Ndcg)
            {
                _bestValidation = result;
                _bestEpoch = epoch;
                _validationsWithoutGain = 0;
                if (_best is null)
                {
                    _best = SasrecWeightsFactory.Clone(_network.Weights);
                }
                else
                {
                    SasrecWeightsFactory.CopyInto(_network.Weights, _best);
                }
            }
            else
            {
                _validationsWithoutGain++;
            }

            if (_average is not null)
            {
                SasrecWeightsFactory.CopyInto(_live!, _network.Weights);
            }

            Report(SasrecTrainingPhase.Validating, epoch, _batcher.BatchesPerEpoch, _batcher.BatchesPerEpoch, loss);
            return result;
        }

        private void Report(SasrecTrainingPhase phase, int epoch, int batch, int batches, double loss)
        {
            if (_progress is null)
            {
                return;
            }

            var elapsed = _clock.Elapsed;
            double epochsDone = epoch - 1 + ((double)batch / Math.Max(1, batches));
            var eta = epochsDone <= 0
                ? TimeSpan.Zero
                : TimeSpan.FromSeconds(elapsed.TotalSeconds / epochsDone * (_options.Epochs - epochsDone));
            if (_options.TimeBudgetSeconds is { } budget)
            {
                eta = TimeSpan.FromSeconds(Math.Min(eta.TotalSeconds, Math.Max(0, budget - elapsed.TotalSeconds)));
            }

            _progress.Report(new SasrecTrainingProgress(
                phase, epoch, _options.Epochs, batch, batches, loss, _lastNdcg,
                _bestValidation?.At(SelectionK).Ndcg, _bestEpoch, elapsed, eta, _validatedEpoch, _validatedLoss));
        }
    }
}
