using System.CommandLine;
using SessionRec.Cli.Arguments;

namespace SessionRec.Cli.Commands;

/// <summary><c>train --model sasrec</c> options; their defaults are <see cref="SasrecTrainOptions"/>'s.</summary>
internal sealed class SasrecCliOptions
{
    private static readonly SasrecTrainOptions D = new();

    public Option<int> Epochs { get; } = CliOptions.Int("--epochs", "Maximum training epochs.", D.Epochs, min: 1);

    public Option<int> Dim { get; } = CliOptions.Int("--dim", "Embedding and hidden size (a multiple of --heads).", D.Dim, min: 1);

    public Option<int> Blocks { get; } = CliOptions.Int("--blocks", "Transformer blocks.", D.Blocks, min: 1);

    public Option<int> Heads { get; } = CliOptions.Int("--heads", "Attention heads.", D.Heads, min: 1);

    public Option<int> MaxLen { get; } = CliOptions.Int("--max-len", "Newest items of a history the model reads.", D.MaxLen, min: 1);

    public Option<double> Dropout { get; } = CliOptions.Double("--dropout", "Dropout rate.", D.Dropout, min: 0, max: 0.99);

    public Option<double> AttentionDropout { get; } = CliOptions.Double("--attention-dropout", "Dropout on attention probabilities.", D.AttentionDropout, min: 0, max: 0.99);

    public Option<double> FilterAlpha { get; } = CliOptions.Double("--filter-alpha",
        "Weight of BSARec's low-pass branch beside attention in each block (0: plain SASRec).", D.FilterAlpha, min: 0, max: 1);

    public Option<int> FilterFrequencies { get; } = CliOptions.Int("--filter-frequencies",
        "Lowest DFT frequencies over --max-len positions the low-pass branch keeps.", D.FilterFrequencies, min: 1);

    public Option<double> WeightAverage { get; } = CliOptions.Double("--weight-average",
        "Decay of a moving average of the weights that validation scores and the model keeps (0: the raw weights).", D.WeightAverage, min: 0, max: 0.9999);

    public Option<string> PrefixExamples { get; } = CliOptions.TrueFalse("--prefix-examples",
        $"true: one training example per position (every prefix of a history, loss at its end); false: one per history (default {(D.PrefixExamples ? "true" : "false")}).");

    public Option<string> Loss { get; } = CliOptions.Choice("--loss",
        "ce: full cross-entropy; sampled: sampled softmax; bce: the paper's binary cross-entropy.", D.Loss, "ce", "sampled", "bce");

    public Option<int> Negatives { get; } = CliOptions.Int("--negatives", "Negatives per positive for the sampled losses.", D.Negatives, min: 1);

    public Option<double> LearningRate { get; } = CliOptions.Double("--lr", "AdamW learning rate.", D.LearningRate, min: double.Epsilon, max: 10);

    public Option<double> WeightDecay { get; } = CliOptions.Double("--weight-decay",
        "AdamW's decoupled weight decay of the weight matrices and embeddings (0: none).", D.WeightDecay, min: 0, max: 10);

    public Option<int> Batch { get; } = CliOptions.Int("--batch", "Sequences per batch.", D.Batch, min: 1);

    public Option<int> Seed { get; } = CliOptions.Int("--seed", "Random seed.", D.Seed);

    public Option<int?> TimeBudget { get; } = CliOptions.OptionalInt("--time-budget", $"Stop after this many seconds, keeping the best epoch so far (default {D.TimeBudgetSeconds}).", min: 1);

    public Option<int> Patience { get; } = CliOptions.Int("--patience", "Validations in a row without a better NDCG@10 before stopping early.", D.Patience, min: 1);

    public Option<int> EvalEvery { get; } = CliOptions.Int("--eval-every", "Validate every this many epochs.", D.EvalEvery, min: 1);

    public Option<string> Refit { get; } = CliOptions.TrueFalse("--refit",
        $"Click logs without --validation: after early stopping on the newest sessions, train again on every session for the chosen epoch count (default {(D.Refit ? "true" : "false")}).");

    public Option[] All => [Epochs, Dim, Blocks, Heads, MaxLen, Dropout, AttentionDropout, FilterAlpha, FilterFrequencies, WeightAverage, PrefixExamples, Loss, Negatives, LearningRate, WeightDecay, Batch, Seed, TimeBudget, Patience, EvalEvery, Refit];

    public SasrecTrainOptions Parse(ParseResult r, int threads)
    {
        ArgumentNullException.ThrowIfNull(r);
        var options = new SasrecTrainOptions
        {
            Epochs = r.GetValue(Epochs),
            Dim = r.GetValue(Dim),
            Blocks = r.GetValue(Blocks),
            Heads = r.GetValue(Heads),
            MaxLen = r.GetValue(MaxLen),
            Dropout = r.GetValue(Dropout),
            AttentionDropout = r.GetValue(AttentionDropout),
            FilterAlpha = r.GetValue(FilterAlpha),
            FilterFrequencies = r.GetValue(FilterFrequencies),
            WeightAverage = r.GetValue(WeightAverage),
            PrefixExamples = r.GetTrueFalse(PrefixExamples) ?? D.PrefixExamples,
            Loss = r.GetValue(Loss)!,
            Negatives = r.GetValue(Negatives),
            LearningRate = r.GetValue(LearningRate),
            WeightDecay = r.GetValue(WeightDecay),
            Batch = r.GetValue(Batch),
            Seed = r.GetValue(Seed),
            Threads = threads,
            TimeBudgetSeconds = r.GetValue(TimeBudget) ?? D.TimeBudgetSeconds,
            Patience = r.GetValue(Patience),
            EvalEvery = r.GetValue(EvalEvery),
            Refit = r.GetTrueFalse(Refit) ?? D.Refit,
        };
        if (options.Dim % options.Heads != 0)
        {
            throw new CliUsageException($"train: --dim {options.Dim} must be divisible by --heads {options.Heads}.");
        }

        return options;
    }
}
