using System.CommandLine;
using SessionRec.Cli.Arguments;

namespace SessionRec.Cli.Commands;

/// <summary><c>train</c>'s options; <see cref="TrainSettings.From"/> turns a parse into validated settings.</summary>
internal sealed class TrainCommandLine : Command
{
    public TrainCommandLine()
        : base(TrainSettings.Command, "Fit a model on a data file, measure it and write a model directory (see docs/model-directory.md).")
    {
        Option[] own = [Data, Format, Out, Model, Protocol, Validation, Test, K, ExcludeSeen, Threads, BlendObjective, SasrecRuns];
        foreach (var option in (Option[])[.. own, .. Knn.All, .. Rules.All, .. Repeat.All, .. Sasrec.All])
        {
            Options.Add(option);
        }
    }

    public Option<string> Data { get; } = CliOptions.ExistingFile("--data", "Training data: a sequence file or a sessions TSV (docs/data-formats.md).", required: true);

    public Option<string> Format { get; } = CommonOptions.Format();

    public Option<string> Out { get; } = CliOptions.Text("--out", "Model directory to write.", "DIR", required: true);

    public Option<string> Model { get; } = CliOptions.Choice("--model",
        "Model kind (hybrid: VMIS-kNN + SASRec blended, weights tuned on held-out newest sessions). Default: vmisknn for click logs (sessions), sasrec for sequence files.", null, "popularity", "vsknn", "vmisknn", "sr", "sasrec", "hybrid");

    public Option<string> Protocol { get; } = CommonOptions.Protocol();

    public Option<string> Validation { get; } = CliOptions.ExistingFile("--validation", "next-item: a file measured after training (items mapped through the training vocabulary).");

    public Option<string> Test { get; } = CliOptions.ExistingFile("--test", "next-item: a second file measured after training.");

    public Option<IReadOnlyList<int>> K { get; } = CommonOptions.K();

    public Option<string> ExcludeSeen { get; } = CommonOptions.ExcludeSeen();

    public Option<int> Threads { get; } = CommonOptions.Threads();

    public Option<string> BlendObjective { get; } = CliOptions.Choice("--blend-objective",
        "hybrid: how the blend is chosen on the validation split: mrr (best MRR@20) or hr-1se (best HR@20 within one standard error of the best MRR@20).",
        TrainSettings.DefaultBlendObjective, HybridObjectives.Mrr, HybridObjectives.OneStandardError);

    public Option<int> SasrecRuns { get; } = CliOptions.Int("--sasrec-runs",
        "hybrid: SASRec trainings (seeds --seed, --seed + 1, …) averaged as the SASRec part.", 1, min: 1);

    public KnnCliOptions Knn { get; } = new();

    public RulesCliOptions Rules { get; } = new();

    public RepeatCliOptions Repeat { get; } = new();

    public SasrecCliOptions Sasrec { get; } = new();
}
