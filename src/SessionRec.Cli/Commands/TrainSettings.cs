using System.CommandLine;
using System.Text.Json.Nodes;
using SessionRec.Cli.Arguments;
using SessionRec.Models.Data;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Knn;
using SessionRec.Models.Repeat;
using SessionRec.Models.Rules;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Tuning;

namespace SessionRec.Cli.Commands;

/// <summary>Everything <c>train</c> was asked to do, validated.</summary>
public sealed record TrainSettings
{
    internal const string Command = "train";

    internal const string DefaultBlendObjective = HybridObjectives.Mrr;

    public required string DataPath { get; init; }

    public DataFormat? Format { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>"popularity", "vsknn", "vmisknn", "sr", "sasrec" or "hybrid" (VMIS-kNN + SASRec, blend tuned).</summary>
    public required string Model { get; init; }

    /// <summary>null: leave-one-out for sequence files, next-item for click logs.</summary>
    public EvaluationProtocol? Protocol { get; init; }

    /// <summary>Next-item only: files evaluated after training (mapped through the training vocabulary).</summary>
    public string? ValidationPath { get; init; }

    public string? TestPath { get; init; }

    public required EvaluationOptions Evaluation { get; init; }

    public VsknnOptions Vsknn { get; init; } = new();

    public VmisknnOptions Vmisknn { get; init; } = new();

    public SequentialRulesOptions Rules { get; init; } = new();

    /// <summary>The repeat mixture the model directory is written with (and measured with).</summary>
    public RepeatOptions Repeat { get; init; } = new();

    public SasrecTrainOptions Sasrec { get; init; } = new();

    /// <summary>Hybrid only: how the blend weights and repeat mixture are chosen.</summary>
    public HybridObjective BlendObjective { get; init; } = HybridObjective.Mrr;

    /// <summary>Hybrid only: SASRec trainings (consecutive seeds) averaged as the SASRec part.</summary>
    public int SasrecRuns { get; init; } = 1;

    /// <summary>
    /// The chosen kind's options as manifest hyper-parameters, the form every fitter reads (the session-kNN kinds
    /// share key names, so only the chosen one's are passed).
    /// </summary>
    public JsonObject FitterHyperParameters() => Model switch
    {
        VmisknnModel.TypeName => VmisknnModelStore.HyperParameters(Vmisknn),
        SequentialRulesModel.TypeName => SequentialRulesModelStore.HyperParameters(Rules),
        _ => VsknnModelStore.HyperParameters(Vsknn),
    };

    /// <summary>Parses <c>train</c>'s options alone (as <c>tune</c> re-runs its best trial); errors throw.</summary>
    public static TrainSettings Parse(IReadOnlyList<string> args)
    {
        var command = new TrainCommandLine();
        var result = command.Parse(args);
        return result.Errors.Count > 0
            ? throw new CliUsageException($"{Command}: {string.Join(" ", result.Errors.Select(e => e.Message))}")
            : From(result, command);
    }

    internal static TrainSettings From(ParseResult parsed, TrainCommandLine c)
    {
        string dataPath = parsed.GetValue(c.Data)!;
        var format = CommonOptions.ParseFormat(parsed.GetValue(c.Format));
        string model = parsed.GetValue(c.Model) ?? DefaultModel(dataPath, format);
        // A hybrid takes its VMIS-kNN part's and its SASRec part's options; its repeat mixture is tuned, not given.
        bool hybrid = model == HybridModel.TypeName;
        bool vmisknn = model == "vmisknn" || hybrid;
        RejectForeignOptions(parsed, model == "vsknn" || vmisknn, "vsknn, vmisknn or hybrid", c.Knn.Shared);
        RejectForeignOptions(parsed, model == "vsknn", "vsknn", c.Knn.VsknnOnly);
        RejectForeignOptions(parsed, vmisknn, "vmisknn or hybrid", c.Knn.VmisknnOnly);
        RejectForeignOptions(parsed, model == "sr", "sr", c.Rules.All);
        RejectForeignOptions(parsed, model == "sasrec" || hybrid, "sasrec or hybrid", c.Sasrec.All);
        RejectForeignOptions(parsed, hybrid, "hybrid", [c.BlendObjective, c.SasrecRuns]);
        if (hybrid && c.Repeat.All.Where(parsed.Given).Select(o => o.Name).ToList() is { Count: > 0 } given)
        {
            throw new CliUsageException($"{Command}: {string.Join(", ", given)}: a hybrid tunes its repeat mixture on the validation split.");
        }

        var protocol = CommonOptions.ParseProtocol(parsed.GetValue(c.Protocol));
        if (protocol == EvaluationProtocol.LeaveOneOut && (parsed.Given(c.Validation) || parsed.Given(c.Test)))
        {
            throw new CliUsageException($"{Command}: --validation and --test are for next-item; leave-one-out splits --data itself.");
        }

        int threads = parsed.GetValue(c.Threads);
        return new TrainSettings
        {
            DataPath = dataPath,
            Format = format,
            OutputDirectory = parsed.GetValue(c.Out)!,
            Model = model,
            Protocol = protocol,
            ValidationPath = parsed.GetValue(c.Validation),
            TestPath = parsed.GetValue(c.Test),
            Evaluation = new EvaluationOptions
            {
                Ks = parsed.GetValue(c.K)!,
                ExcludeSeen = parsed.GetTrueFalse(c.ExcludeSeen),
                Threads = threads,
            },
            // Each kind reads its own ranges (V-SKNN's sample size 0 means "all", VMIS-kNN's must be ≥ 1).
            Vsknn = model == "vsknn" ? c.Knn.Vsknn(parsed) : new VsknnOptions(),
            Vmisknn = vmisknn ? c.Knn.Vmisknn(parsed) : new VmisknnOptions(),
            Rules = c.Rules.Parse(parsed),
            Repeat = c.Repeat.Parse(parsed, model),
            Sasrec = c.Sasrec.Parse(parsed, threads),
            BlendObjective = HybridObjectives.Parse(parsed.GetValue(c.BlendObjective)!),
            SasrecRuns = parsed.GetValue(c.SasrecRuns),
        };
    }

    /// <summary>
    /// Click logs default to session-kNN (VMIS-kNN: best on yoochoose-100k's validation split, see the README's
    /// session table); user histories (sequence files) to SASRec.
    /// </summary>
    private static string DefaultModel(string data, DataFormat? format) =>
        (format ?? DataFormatDetector.Detect(data)) == DataFormat.Sessions ? VmisknnModel.TypeName : "sasrec";

    private static void RejectForeignOptions(ParseResult parsed, bool owned, string owner, Option[] options)
    {
        if (owned)
        {
            return;
        }

        var foreign = options.Where(parsed.Given).Select(o => o.Name).ToList();
        if (foreign.Count > 0)
        {
            throw new CliUsageException($"{Command}: {string.Join(", ", foreign)} only apply to --model {owner}.");
        }
    }
}
