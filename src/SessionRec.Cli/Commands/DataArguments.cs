using SessionRec.Cli.Arguments;
using SessionRec.Core.Items;
using SessionRec.Models.Data;

namespace SessionRec.Cli.Commands;

/// <summary>Shared handling of <c>--data</c>-like paths and <c>--format</c>.</summary>
public static class DataArguments
{
    /// <summary>null when <c>--format</c> is not given: each file's format is then detected from its first line.</summary>
    public static DataFormat? ParseFormat(ParsedArguments args, string command)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Get("format") switch
        {
            null => null,
            "sequences" => DataFormat.Sequences,
            "sessions" => DataFormat.Sessions,
            var other => throw new CliUsageException($"{command}: --format must be sequences or sessions, got '{other}'."),
        };
    }

    public static string ExistingFile(string path, string option, string command) =>
        File.Exists(path) ? path : throw new CliUsageException($"{command}: --{option} {path}: file not found.");

    public static SessionDataset Load(string path, DataFormat? format, ItemVocabulary? vocabulary = null) =>
        SessionDataset.Load(path, format ?? DataFormatDetector.Detect(path), vocabulary);

    public static string Name(this DataFormat format) => format == DataFormat.Sequences ? "sequences" : "sessions";
}
