using SessionRec.Cli.Arguments;

namespace SessionRec.Cli.Commands;

/// <summary>
/// SASRec training settings as given on the command line. Defaults are the settings that won on amazon-beauty's
/// validation split within the 10-minute budget (README, "Offline models and evaluation"): 2 heads, dropout 0.5,
/// sampled softmax over 256 shared negatives (about twice the epochs of full cross-entropy in the same time, and
/// better), validation every 2 epochs, patience 5, and a 540 s training budget so a run ends within 10 minutes.
/// </summary>
public sealed record SasrecTrainOptions
{
    public static readonly string[] OptionNames =
        ["epochs", "dim", "blocks", "heads", "max-len", "dropout", "attention-dropout", "loss", "negatives", "lr", "batch", "seed", "time-budget", "patience", "eval-every"];

    public int Epochs { get; init; } = 200;

    public int Dim { get; init; } = 64;

    public int Blocks { get; init; } = 2;

    public int Heads { get; init; } = 2;

    public int MaxLen { get; init; } = 50;

    public double Dropout { get; init; } = 0.5;

    /// <summary>Dropout on attention probabilities.</summary>
    public double AttentionDropout { get; init; }

    /// <summary>"ce" (full cross-entropy), "sampled" (sampled softmax) or "bce" (the paper's).</summary>
    public string Loss { get; init; } = "sampled";

    /// <summary>Shared negatives per batch for the sampled softmax.</summary>
    public int Negatives { get; init; } = 256;

    public double LearningRate { get; init; } = 1e-3;

    public int Batch { get; init; } = 128;

    public int Seed { get; init; } = 42;

    public int Threads { get; init; } = 2;

    /// <summary>Stop training after this many seconds (the best epoch so far is kept); null: no limit.</summary>
    public int? TimeBudgetSeconds { get; init; } = 540;

    /// <summary>Validations in a row without a better NDCG@10 before stopping early.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Validate every this many epochs.</summary>
    public int EvalEvery { get; init; } = 2;

    public static SasrecTrainOptions Parse(ParsedArguments args, int threads)
    {
        ArgumentNullException.ThrowIfNull(args);
        var defaults = new SasrecTrainOptions();
        var options = new SasrecTrainOptions
        {
            Epochs = args.GetInt("epochs", defaults.Epochs, min: 1),
            Dim = args.GetInt("dim", defaults.Dim, min: 1),
            Blocks = args.GetInt("blocks", defaults.Blocks, min: 1),
            Heads = args.GetInt("heads", defaults.Heads, min: 1),
            MaxLen = args.GetInt("max-len", defaults.MaxLen, min: 1),
            Dropout = args.GetDouble("dropout", defaults.Dropout, min: 0, max: 0.99),
            AttentionDropout = args.GetDouble("attention-dropout", defaults.AttentionDropout, min: 0, max: 0.99),
            Loss = args.GetChoice("loss", defaults.Loss, "ce", "sampled", "bce"),
            Negatives = args.GetInt("negatives", defaults.Negatives, min: 1),
            LearningRate = args.GetDouble("lr", defaults.LearningRate, min: double.Epsilon, max: 10),
            Batch = args.GetInt("batch", defaults.Batch, min: 1),
            Seed = args.GetInt("seed", defaults.Seed),
            Threads = threads,
            TimeBudgetSeconds = args.GetOptionalInt("time-budget", min: 1) ?? defaults.TimeBudgetSeconds,
            Patience = args.GetInt("patience", defaults.Patience, min: 1),
            EvalEvery = args.GetInt("eval-every", defaults.EvalEvery, min: 1),
        };
        if (options.Dim % options.Heads != 0)
        {
            throw new CliUsageException($"train: --dim {options.Dim} must be divisible by --heads {options.Heads}.");
        }

        return options;
    }
}
