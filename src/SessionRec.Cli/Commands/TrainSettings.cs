using SessionRec.Cli.Arguments;
using SessionRec.Models.Data;
using SessionRec.Models.Knn;
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

    /// <summary>"popularity", "vsknn" or "sasrec".</summary>
    public required string Model { get; init; }

    /// <summary>null: leave-one-out for sequence files, next-item for click logs.</summary>
    public EvaluationProtocol? Protocol { get; init; }

    /// <summary>Next-item only: files evaluated after training (mapped through the training vocabulary).</summary>
    public string? ValidationPath { get; init; }

    public string? TestPath { get; init; }

    public required EvaluationOptions Evaluation { get; init; }

    public VsknnOptions Vsknn { get; init; } = new();

    public SasrecTrainOptions Sasrec { get; init; } = new();

    public static TrainSettings Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(
            Command,
            args,
            [.. CommonValues, .. VsknnCliOptions.ValueOptions, .. SasrecTrainOptions.OptionNames],
            VsknnCliOptions.FlagOptions);
        string model = parsed.GetChoice("model", "sasrec", "popularity", "vsknn", "sasrec");
        RejectForeignOptions(parsed, model, "vsknn", [.. VsknnCliOptions.ValueOptions, .. VsknnCliOptions.FlagOptions]);
        RejectForeignOptions(parsed, model, "sasrec", SasrecTrainOptions.OptionNames);

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
            Vsknn = VsknnCliOptions.Parse(parsed),
            Sasrec = SasrecTrainOptions.Parse(parsed, threads),
        };
    }

    private static void RejectForeignOptions(ParsedArguments parsed, string model, string owner, string[] names)
    {
        if (model == owner)
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
