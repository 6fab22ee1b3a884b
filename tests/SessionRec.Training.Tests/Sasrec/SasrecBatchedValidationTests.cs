using SessionRec.Core.Items;
using SessionRec.Models.Sasrec;
using SessionRec.Tensors;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

/// <summary>The batched per-epoch validation must give the served evaluation's figures.</summary>
public class SasrecBatchedValidationTests
{
    private static readonly SasrecConfig Config = new()
    {
        ItemCount = 60, Dim = 16, Blocks = 2, Heads = 2, MaxLen = 10, FfnDim = 24, Activation = "gelu",
    };

    private static readonly ItemVocabulary Vocabulary = new(Enumerable.Range(1, Config.ItemCount).Select(i => $"item-{i}"));

    [Theory]
    [InlineData(true, 7)]
    [InlineData(false, 7)]
    [InlineData(true, 256)]
    public void Random_weights_give_the_served_figures(bool excludeSeen, int batchSize)
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 31);
        var set = ValidationSet(seed: 4);
        var options = new EvaluationOptions { Ks = [1, 5, 10, 20], ExcludeSeen = excludeSeen, Threads = 2 };

        var batched = SasrecBatchedValidation.Evaluate(new SasrecNetwork(weights), set, options, batchSize);
        var served = SasrecValidation.Evaluate(weights, Vocabulary, set, options);

        AssertSameFigures(served, batched);
        Assert.Equal(excludeSeen, batched.ExcludeSeen);
    }

    [Fact]
    public void Batches_mix_lengths_and_cut_long_histories_to_the_window()
    {
        var set = ValidationSet(seed: 4);

        var batches = SasrecBatchedValidation.Batches(set, Config, batchSize: 7);

        Assert.Equal(set.Cases.Count, batches.Sum(b => b.Length));
        Assert.Equal(Enumerable.Range(0, set.Cases.Count), batches.SelectMany(b => b).Order());
        Assert.Contains(set.Cases, c => c.PrefixLength > Config.MaxLen);
        int Window(int i) => Math.Min(set.Cases[i].PrefixLength, Config.MaxLen);
        Assert.Contains(batches, b => b.Select(Window).Distinct().Count() > 1);
        Assert.True(batches.Zip(batches.Skip(1), (a, b) => Window(a[^1]) <= Window(b[0])).All(x => x), "sorted by window length");
    }

    [Fact]
    public void Long_windows_come_in_fewer_cases_a_batch()
    {
        var set = ValidationSet(seed: 4);

        var batches = SasrecBatchedValidation.Batches(set, Config, batchSize: 7, maxTokens: 24);

        int Padded(int[] batch) => batch.Max(i => Math.Min(set.Cases[i].PrefixLength, Config.MaxLen));
        Assert.Equal(Enumerable.Range(0, set.Cases.Count), batches.SelectMany(b => b).Order());
        Assert.All(batches, b => Assert.True(b.Length * Padded(b) <= 24, $"{b.Length} cases of length {Padded(b)}"));
        Assert.Contains(batches, b => b.Length == 7);
        Assert.Contains(batches, b => Padded(b) == Config.MaxLen && b.Length == 2);
    }

    [Fact]
    public void Left_padded_batches_encode_each_window_as_the_served_encoder_does()
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 32);
        var network = new SasrecNetwork(weights);
        var served = new SasrecNetworkEncoder(network);
        var rng = new Random(9);
        int[][] windows = [.. new[] { 1, Config.MaxLen, 3, 6, 2 }.Select(n => RandomSasrecWeights.Session(rng, n, Config.ItemCount))];
        var batched = new float[windows.Length * Config.Dim];

        SasrecBatchedValidation.EncodeLast(network, Tape.Inference(), windows, batched);

        var alone = new float[Config.Dim];
        for (int b = 0; b < windows.Length; b++)
        {
            served.Encode(windows[b], alone);
            for (int i = 0; i < Config.Dim; i++)
            {
                // Padding adds masked keys whose softmax terms are exact zeros but regroup the vectorized sums.
                Assert.True(MathF.Abs(alone[i] - batched[(b * Config.Dim) + i]) <= 1e-5f,
                    $"window {b} (length {windows[b].Length}), feature {i}: {batched[(b * Config.Dim) + i]} vs {alone[i]}");
            }
        }
    }

    [Fact]
    public void One_validation_reused_after_the_weights_change_follows_them()
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 34);
        var set = ValidationSet(seed: 6);
        var options = new EvaluationOptions { Threads = 2 };
        var validation = new SasrecBatchedValidation(new SasrecNetwork(weights), set, options, batchSize: 16);
        var before = validation.Evaluate();

        RandomSasrecWeights.Create(Config, seed: 35).ItemEmbedding.CopyTo(weights.ItemEmbedding, 0);
        var after = validation.Evaluate();

        AssertSameFigures(SasrecValidation.Evaluate(weights, Vocabulary, set, options), after);
        Assert.NotEqual(before.Metrics, after.Metrics);
    }

    [Fact]
    public void An_empty_set_gives_zero_figures()
    {
        var empty = new EvaluationSet(EvaluationProtocol.LeaveOneOut, [], []);

        var result = SasrecBatchedValidation.Evaluate(new SasrecNetwork(RandomSasrecWeights.Create(Config, seed: 36)), empty, new EvaluationOptions());

        Assert.Equal(0, result.Predictions);
        Assert.All(result.Metrics, m => Assert.Equal(new MetricsAtK(m.K, 0, 0, 0, 0), m));
    }

    [Fact]
    public void Figures_do_not_depend_on_the_thread_count()
    {
        var network = new SasrecNetwork(RandomSasrecWeights.Create(Config, seed: 33));
        var set = ValidationSet(seed: 5);

        var one = SasrecBatchedValidation.Evaluate(network, set, new EvaluationOptions { Threads = 1 }, batchSize: 5);
        var two = SasrecBatchedValidation.Evaluate(network, set, new EvaluationOptions { Threads = 2 }, batchSize: 5);

        AssertSameFigures(one, two);
    }

    [Fact]
    public void Training_validates_with_the_figures_of_the_served_model()
    {
        var data = SyntheticSequences.Successors(users: 200, items: 40, minLength: 3, maxLength: 16, seed: 6);
        var split = LeaveOneOutSplit.Create(data.Sequences);
        var options = new SasrecTrainingOptions
        {
            Dim = 16, Blocks = 1, Heads = 2, MaxLen = 10, LearningRate = 5e-3f, BatchSize = 32, Seed = 3, Threads = 2, Epochs = 1,
        };

        var trained = SasrecTrainer.Train(split.Train, data.Vocabulary, split.Validation, options);

        var served = SasrecValidation.Evaluate(trained.Weights, data.Vocabulary, split.Validation, new EvaluationOptions());
        AssertSameFigures(served, trained.BestValidation!);
    }

    private static void AssertSameFigures(EvaluationResult expected, EvaluationResult actual)
    {
        Assert.Equal(expected.Predictions, actual.Predictions);
        Assert.Equal(expected.ExcludeSeen, actual.ExcludeSeen);
        Assert.Equal(expected.Metrics, actual.Metrics);
    }

    /// <summary>Leave-one-out validation cases of random users, many with histories longer than MaxLen.</summary>
    private static EvaluationSet ValidationSet(int seed)
    {
        var rng = new Random(seed);
        int[][] sequences = [.. Enumerable.Range(0, 120).Select(_ => RandomSasrecWeights.Session(rng, rng.Next(3, 2 * Config.MaxLen), Config.ItemCount))];
        return LeaveOneOutSplit.Create(sequences).Validation;
    }
}
