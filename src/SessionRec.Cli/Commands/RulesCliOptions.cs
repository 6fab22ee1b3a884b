using System.CommandLine;
using SessionRec.Cli.Arguments;
using SessionRec.Models.Rules;

namespace SessionRec.Cli.Commands;

/// <summary>The sequential-rules settings on the command line (<c>train --model sr</c>).</summary>
internal sealed class RulesCliOptions
{
    private static readonly SequentialRulesOptions D = new();

    public Option<int?> Steps { get; } = CliOptions.OptionalInt("--steps",
        $"sr: a rule a → b counts when b follows a within this many clicks (default {D.Steps}).", min: 1);

    public Option<int?> MaxRulesPerItem { get; } = CliOptions.OptionalInt("--max-rules-per-item",
        $"sr: heaviest rules kept per item, 0 all (default {D.MaxRulesPerItem}).", min: 0);

    public Option<double?> HistoryDecay { get; } = CliOptions.OptionalDouble("--history-decay",
        $"sr: weight decay of older clicks' rules per click back, 0 the newest click only (default {D.HistoryDecay}).", min: 0, max: 0.999);

    public Option[] All => [Steps, MaxRulesPerItem, HistoryDecay];

    public SequentialRulesOptions Parse(ParseResult r) => new()
    {
        Steps = r.GetValue(Steps) ?? D.Steps,
        MaxRulesPerItem = r.GetValue(MaxRulesPerItem) ?? D.MaxRulesPerItem,
        HistoryDecay = (float)(r.GetValue(HistoryDecay) ?? D.HistoryDecay),
    };
}
