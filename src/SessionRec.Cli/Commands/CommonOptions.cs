using System.CommandLine;
using SessionRec.Cli.Arguments;
using SessionRec.Models.Data;
using SessionRec.Training.Evaluation;

namespace SessionRec.Cli.Commands;

/// <summary>Options several commands share, declared once so their names, help and checks agree.</summary>
internal static class CommonOptions
{
    public static readonly int DefaultThreads = Math.Min(2, Environment.ProcessorCount);

    public static Option<string> Format() => CliOptions.Choice("--format",
        "sequences: one user per line, item ids separated by spaces; sessions: tab-separated SessionId, ItemId, Time with a header (see docs/data-formats.md). Detected from the first line when omitted.",
        null, "sequences", "sessions");

    public static Option<string> Protocol() => CliOptions.Choice("--protocol",
        "leave-one-out: the last item of each user is the test target, the one before it the validation target; next-item: every next click of every session. Default: leave-one-out for sequences, next-item for sessions.",
        null, "leave-one-out", "next-item");

    public static Option<IReadOnlyList<int>> K() => CliOptions.IntList("--k", "Cut-offs of HR@k, MRR@k and NDCG@k.", [5, 10, 20]);

    public static Option<string> ExcludeSeen() => CliOptions.TrueFalse("--exclude-seen",
        "Leave items already in the session out of the ranking. Default: the model's own setting.");

    public static Option<int> Threads() => CliOptions.Int("--threads", "Worker threads.", DefaultThreads, min: 1);

    public static DataFormat? ParseFormat(string? name) => name switch
    {
        null => null,
        "sequences" => DataFormat.Sequences,
        _ => DataFormat.Sessions,
    };

    public static EvaluationProtocol? ParseProtocol(string? name) =>
        name is not null && EvaluationProtocolNames.TryParse(name, out var protocol) ? protocol : null;
}
