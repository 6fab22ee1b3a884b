using System.Text.Json.Nodes;
using SessionRec.Cli.Arguments;
using SessionRec.Models.Data;
using SessionRec.Models.Knn;
using SessionRec.Models.Repeat;
using SessionRec.Models.Rules;
using SessionRec.Training.Evaluation;

namespace SessionRec.Cli.Commands;

/// <summary>Everything <c>train</c> was asked to do, validated.</summary>
public sealed record TrainSettings
{
    internal const string Command = "train";

    private static readonly string[] CommonValues =
        ["data", "format", "out", "model", "protocol", "k", "exclude-seen", "threads", "validation", "test"];

    public required string DataPath { get; init; }

    public DataFormat? Format { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>"popularity", "vsknn", "vmisknn", "sr" or "sasrec".</summary>
    public required string Model { get; init; }

    /// <summary>null: leave-one-out for sequence files, next-item for click logs.</summary>
    public EvaluationProtocol? Protocol { get; init; }

    /// <summary>Next-item only: files evaluated after training (mapped through the training vocabulary).</summary>
    public string? ValidationPath { get; init; }

    public string? TestPath { get; init; }

    public required EvaluationOptions Evaluation { get; init; }

    public VsknnOptions Vsknn { get; init; } = new();

    public VmisknnOptions Vmisknn { get; init; } = new();

    /// <summary>The repeat mixture the model directory is written with (and measured with).</summary>
    public RepeatOptions Repeat { get; init; } = new();

    public SasrecTrainOptions Sasrec { get; init; } = new();

    /// <summary>
    /// The chosen kind's options as manifest hyper-parameters, the form every fitter reads (the session-kNN kinds
    /// share key names, so only the chosen one's are passed).
    /// </summary>
    public JsonObject FitterHyperParameters() => Model switch
    {
        VmisknnModel.TypeName => VmisknnModelStore.HyperParameters(Vmisknn),
        SequentialRulesModel.TypeName => SequentialRulesModelStore.HyperParameters(new SequentialRulesOptions()),
        _ => VsknnModelStore.HyperParameters(Vsknn),
    };

    public static TrainSettings Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(
            Command,
            args,
            [.. CommonValues, .. VsknnCliOptions.ValueOptions.Union(VmisknnCliOptions.ValueOptions), .. SasrecTrainOptions.OptionNames, .. RepeatCliOptions.ValueOptions],
            VsknnCliOptions.FlagOptions);
        string model = parsed.GetChoice("model", DefaultModel(parsed), "popularity", "vsknn", "vmisknn", "sr", "sasrec");
        bool knn = model is "vsknn" or "vmisknn";
        RejectForeignOptions(parsed, knn, "vsknn or vmisknn", VmisknnCliOptions.SharedWithVsknn);
        RejectForeignOptions(parsed, model == "vsknn", "vsknn", [.. VsknnCliOptions.ValueOptions.Except(VmisknnCliOptions.SharedWithVsknn), .. VsknnCliOptions.FlagOptions]);
        RejectForeignOptions(parsed, model == "vmisknn", "vmisknn", [.. VmisknnCliOptions.ValueOptions.Except(VmisknnCliOptions.SharedWithVsknn)]);
        RejectForeignOptions(parsed, model == "sasrec", "sasrec", SasrecTrainOptions.OptionNames);

        EvaluationProtocol? protocol = null;
        if (parsed.Get("protocol") is { } name)
        {
            protocol = EvaluationProtocolNames.TryParse(name, out var p)
                ? p
                : throw new CliUsageException($"{Command}: --protocol must be leave-one-out or next-item, got '{name}'.");
        }

        if (protocol == EvaluationProtocol.LeaveOneOut && (parsed.Has("validation") || parsed.Has("test")))
        {
            throw new CliUsageException($"{Command}: --validation and --test are for next-item; leave-one-out splits --data itself.");
        }

        int threads = parsed.GetInt("threads", Math.Min(2, Environment.ProcessorCount), min: 1);
        return new TrainSettings
        {
            DataPath = DataArguments.ExistingFile(parsed.Require("data"), "data", Command),
            Format = DataArguments.ParseFormat(parsed, Command),
            OutputDirectory = parsed.Require("out"),
            Model = model,
            Protocol = protocol,
            ValidationPath = parsed.Get("validation") is { } v ? DataArguments.ExistingFile(v, "validation", Command) : null,
            TestPath = parsed.Get("test") is { } t ? DataArguments.ExistingFile(t, "test", Command) : null,
            Evaluation = new EvaluationOptions
            {
                Ks = parsed.GetIntList("k", [5, 10, 20]),
                ExcludeSeen = parsed.GetBool("exclude-seen"),
                Threads = threads,
            },
            // Each kind reads its own ranges (V-SKNN's sample size 0 means "all", VMIS-kNN's must be ≥ 1).
            Vsknn = model == "vsknn" ? VsknnCliOptions.Parse(parsed) : new VsknnOptions(),
            Vmisknn = model == "vmisknn" ? VmisknnCliOptions.Parse(parsed) : new VmisknnOptions(),
            Repeat = RepeatCliOptions.Parse(parsed, model),
            Sasrec = SasrecTrainOptions.Parse(parsed, threads),
        };
    }

    /// <summary>
    /// Click logs default to session-kNN (VMIS-kNN: best on yoochoose-100k's validation split, see the README's
    /// session table); user histories (sequence files) to SASRec.
    /// </summary>
    private static string DefaultModel(ParsedArguments parsed)
    {
        if (parsed.Get("data") is not { } data || !File.Exists(data))
        {
            return "sasrec";
        }

        var format = DataArguments.ParseFormat(parsed, Command) ?? DataFormatDetector.Detect(data);
        return format == DataFormat.Sessions ? VmisknnModel.TypeName : "sasrec";
    }

    private static void RejectForeignOptions(ParsedArguments parsed, bool owned, string owner, string[] names)
    {
        if (owned)
        {
            return;
        }

        var foreign = names.Where(parsed.Has).Select(n => "--" + n).ToList();
        if (foreign.Count > 0)
        {
            throw new CliUsageException($"{Command}: {string.Join(", ", foreign)} only apply to --model {owner}.");
        }
    }
}
