using System.CommandLine;
using SessionRec.Cli.Arguments;

namespace SessionRec.Cli.Commands;

/// <summary><c>tune</c>'s options; which are needed depends on the mode (kNN search, SASRec search, <c>--base</c>, hybrid).</summary>
internal sealed class TuneCommandLine : Command
{
    public TuneCommandLine()
        : base("tune", """
            Search settings on a validation split only:
              --model vsknn|vmisknn --data TRAIN --validation VALID --out DIR   random search of the kNN settings, best written through train
              --model sasrec --data DATA --out DIR [--validation VALID]         successive halving of the SASRec settings, best trial written
              --base DIR --validation VALID                                     only the repeat mixture of a model directory
              --model hybrid --parts A,B[,...] --validation VALID --out DIR     blend weights of several model directories
            """)
    {
        foreach (var option in (Option[])[Model, Base, Parts, ServeParts, Data, Validation, Format, Budget, Out, Record, Seed, K, Threads, Step, Objective, MinMrr])
        {
            Options.Add(option);
        }
    }

    public Option<string> Model { get; } = CliOptions.Choice("--model", "What to tune.", "vmisknn", "vsknn", "vmisknn", "sasrec", "hybrid");

    public Option<string> Base { get; } = CliOptions.Text("--base", "Tune only the repeat mixture of this model directory (written into its manifest).", "DIR");

    public Option<string> Parts { get; } = CliOptions.Text("--parts", "hybrid: model directories trained on the training part, comma-separated.", "DIR,DIR[,...]");

    public Option<string> ServeParts { get; } = CliOptions.Text("--serve-parts", "hybrid: directories the written hybrid serves (e.g. trained on the full log). Default: --parts.", "DIR,DIR[,...]");

    public Option<string> Data { get; } = CliOptions.ExistingFile("--data", "kNN and SASRec search: training data (SASRec on a sequence file: validated on each user's second-to-last item).");

    public Option<string> Validation { get; } = CliOptions.ExistingFile("--validation",
        "Validation sessions the settings are scored on (next-item). Required except for SASRec, which by default holds out a click log's newest sessions.");

    public Option<string> Format { get; } = CommonOptions.Format();

    public Option<double> Budget { get; } = CliOptions.Double("--budget", "kNN and SASRec search: minutes to search.", 5, min: 0.01);

    public Option<string> Out { get; } = CliOptions.Text("--out", "Model directory to write (kNN and SASRec search, hybrid).", "DIR");

    public Option<string> Record { get; } = CliOptions.Text("--record", "kNN and SASRec search: where to write every trial as JSON. Default: DIR/tune.json.", "PATH");

    public Option<int> Seed { get; } = CliOptions.Int("--seed", "kNN and SASRec search: random seed (SASRec: also the training seed).", 1);

    public Option<int> K { get; } = CliOptions.Int("--k", "Cut-off of the HR@k and MRR@k optimized.", 20, min: 1);

    public Option<int> Threads { get; } = CommonOptions.Threads();

    public Option<double> Step { get; } = CliOptions.Double("--step", "hybrid: weight grid step (must divide 1).", 0.1, min: 0.01, max: 1);

    public Option<string> Objective { get; } = CliOptions.Choice("--objective",
        "hybrid: maximize MRR@k; HR@k under --min-mrr; or HR@k within one standard error of the best MRR@k.", "mrr", "mrr", "hr", HybridObjectives.OneStandardError);

    public Option<double> MinMrr { get; } = CliOptions.Double("--min-mrr", "hybrid with --objective hr: the MRR@k floor.", 0, min: 0, max: 1);

    /// <summary>The value of an option this mode needs.</summary>
    public static T Require<T>(ParseResult parsed, Option<T> option) =>
        parsed.GetValue(option) ?? throw new CliUsageException($"tune: option {option.Name} is required.");
}
