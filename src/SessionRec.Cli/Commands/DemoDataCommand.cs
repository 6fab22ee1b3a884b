using System.CommandLine;
using System.Globalization;
using System.Text;
using SessionRec.Cli.Arguments;
using SessionRec.Core.Catalog;
using SessionRec.Models.Demo;

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>demo-data</c>: writes the demo shop the service generates at start (same seed, same items and sessions) as
/// files in the documented formats, so every offline command runs without a downloaded data set:
/// <c>catalog.csv</c>, <c>sessions.tsv</c> (every session) and its time split <c>train.tsv</c> / <c>test.tsv</c>.
/// </summary>
internal sealed class DemoDataCommand : Command
{
    /// <summary>The demo log's clock: sessions one minute apart from this instant, clicks 30 s apart.</summary>
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DemoDataCommand()
        : base("demo-data", "Write the demo shop (the service's default data) as catalog.csv, sessions.tsv, train.tsv and test.tsv.")
    {
        foreach (var option in (Option[])[Out, Items, Sessions, Seed, TestShare])
        {
            Options.Add(option);
        }
    }

    public Option<string> Out { get; } = CliOptions.Text("--out", "Directory to write (created if missing; files in it are replaced).", "DIR", required: true);

    public Option<int> Items { get; } = CliOptions.Int("--items", "Catalog size (at least 96).", DemoDataGenerator.DefaultItems, min: 96);

    public Option<int> Sessions { get; } = CliOptions.Int("--sessions", "Sessions in the log.", DemoDataGenerator.DefaultSessions, min: 2);

    public Option<int> Seed { get; } = CliOptions.Int("--seed", "Random seed (the service's default demo uses the same).", DemoDataGenerator.DefaultSeed);

    public Option<double> TestShare { get; } = CliOptions.Double("--test-share", "Share of the newest sessions written to test.tsv (the rest to train.tsv).", 0.1, min: 0.01, max: 0.5);

    public int Run(ParseResult parsed, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(context);
        string directory = Directory.CreateDirectory(parsed.GetValue(Out)!).FullName;
        var demo = DemoDataGenerator.Generate(parsed.GetValue(Items), parsed.GetValue(Sessions), parsed.GetValue(Seed));

        WriteCatalog(Path.Combine(directory, "catalog.csv"), demo.Catalog);
        var data = demo.Sessions;
        var sessions = data.Sequences.Select(s => s.Select(i => data.Vocabulary[i]).ToArray()).ToArray();
        int testCount = Math.Max(1, (int)Math.Round(sessions.Length * parsed.GetValue(TestShare)));
        int trainCount = sessions.Length - testCount;
        WriteSessions(Path.Combine(directory, "sessions.tsv"), sessions, 0, sessions.Length);
        WriteSessions(Path.Combine(directory, "train.tsv"), sessions, 0, trainCount);
        WriteSessions(Path.Combine(directory, "test.tsv"), sessions, trainCount, testCount);

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {demo.Catalog.Count} items to catalog.csv and {sessions.Length} sessions ({data.Interactions} clicks) to sessions.tsv, split by time into train.tsv ({trainCount}) and test.tsv ({testCount}), in {directory}."));
        return ExitCodes.Success;
    }

    private static void WriteCatalog(string path, IReadOnlyList<CatalogItem> catalog)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var attributes = catalog.SelectMany(i => i.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        writer.WriteLine(string.Join(',', ["item_id", "name", "category", .. attributes]));
        foreach (var item in catalog)
        {
            string[] fields = [item.ItemId, item.Name, item.Category, .. attributes.Select(a => item.Attributes.GetValueOrDefault(a) ?? "")];
            writer.WriteLine(string.Join(',', fields.Select(Csv)));
        }
    }

    private static void WriteSessions(string path, string[][] sessions, int first, int count)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.WriteLine("SessionId\tItemId\tTime");
        for (int s = first; s < first + count; s++)
        {
            long start = Start.ToUnixTimeSeconds() + (60L * s);
            for (int c = 0; c < sessions[s].Length; c++)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s + 1}\t{sessions[s][c]}\t{start + (30L * c)}"));
            }
        }
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside.</summary>
    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
