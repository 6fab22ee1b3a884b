using System.CommandLine;
using System.Globalization;
using SessionRec.Cli.Commands;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;

namespace SessionRec.Cli.Tuning;

/// <summary>
/// What <c>tune</c> searches for the session-kNN kinds, as <c>train</c> options, so the best trial is re-run by
/// <c>train</c> itself. The first trial is always the defaults.
/// </summary>
internal static class KnnSearchSpace
{
    private static readonly Dictionary<string, Dictionary<string, string[]>> Spaces = new(StringComparer.Ordinal)
    {
        [VsknnModel.TypeName] = new(StringComparer.Ordinal)
        {
            ["neighbors"] = ["50", "100", "200", "500", "1000"],
            ["sample-size"] = ["500", "1000", "2500", "5000", "0"],
            ["position-decay"] = ["0.05", "0.1", "0.2", "0.3", "0.5"],
            ["min-weight"] = ["0.01", "0.05", "0.1", "0.3"],
            ["idf-weighting"] = ["0", "0.5", "1", "2", "5", "10"],
            ["normalize"] = ["false", "true"],
        },
        [VmisknnModel.TypeName] = new(StringComparer.Ordinal)
        {
            ["neighbors"] = ["50", "100", "200", "500", "1000"],
            ["sample-size"] = ["250", "500", "1000", "2500", "5000", "10000"],
            ["max-session-items"] = ["0", "2", "3", "5", "10"],
            ["match-decay"] = ["0", "0.05", "0.1", "0.2"],
            ["idf-weighting"] = ["0", "0.5", "1", "2"],
        },
    };

    public static IReadOnlyCollection<string> Kinds => Spaces.Keys;

    /// <summary>Trial 0 is the defaults (no options); later ones draw each option uniformly from its grid.</summary>
    public static string[] Sample(string kind, int trial, Random random)
    {
        if (trial == 0)
        {
            return [];
        }

        var args = new List<string>();
        foreach (var (name, values) in Spaces[kind])
        {
            args.Add("--" + name);
            args.Add(values[random.Next(values.Length)]);
        }

        return [.. args];
    }

    public static INextItemModel Build(string kind, string[] args, ItemVocabulary vocabulary, IReadOnlyList<int[]> train)
    {
        var options = new KnnCliOptions();
        var command = new Command(kind);
        options.AddTo(command);
        var parsed = command.Parse(args);
        return kind == VsknnModel.TypeName
            ? new VsknnModel(vocabulary, train, options.Vsknn(parsed))
            : new VmisknnModel(vocabulary, train, options.Vmisknn(parsed));
    }

    public static string Describe(string[] args) => args.Length == 0 ? "(defaults)" : string.Join(' ', args);

    public static string Invariant(float value) => value.ToString(CultureInfo.InvariantCulture);
}
