using System.Globalization;
using SessionRec.Training.Evaluation;
using Spectre.Console;

namespace SessionRec.Cli.Output;

/// <summary>Human-readable evaluation figures.</summary>
public static class EvaluationTable
{
    public static void Write(TextWriter writer, string title, EvaluationResult result, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        string unit = result.Protocol == EvaluationProtocol.LeaveOneOut ? "users" : "predictions";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: {result.Protocol.ToName()}, {result.Predictions} {unit}, exclude seen {(result.ExcludeSeen ? "true" : "false")}, {elapsed.TotalSeconds:F1} s"));
        var table = new Table()
            .AddColumn("K")
            .AddColumn(new TableColumn("HR").RightAligned())
            .AddColumn(new TableColumn("NDCG").RightAligned())
            .AddColumn(new TableColumn("MRR").RightAligned())
            .AddColumn(new TableColumn("Coverage").RightAligned());
        foreach (var m in result.Metrics)
        {
            table.AddRow(
                m.K.ToString(CultureInfo.InvariantCulture),
                F(m.HitRate),
                F(m.Ndcg),
                F(m.Mrr),
                F(m.Coverage));
        }

        console.Write(table);
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
