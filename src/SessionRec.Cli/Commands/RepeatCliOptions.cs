using System.CommandLine;
using SessionRec.Cli.Arguments;
using SessionRec.Models.Repeat;

namespace SessionRec.Cli.Commands;

/// <summary>The repeat mixture's settings (every model kind has them; defaults differ by kind).</summary>
internal sealed class RepeatCliOptions
{
    public Option<double?> Weight { get; } = CliOptions.OptionalDouble("--repeat-weight",
        "Weight w of the repeat part: P(i) = (1 − w)·P_model(i) + w·P_repeat(i). Default: the model kind's.", min: 0, max: 1);

    public Option<double?> Decay { get; } = CliOptions.OptionalDouble("--repeat-decay",
        "Recency decay of the repeat part per click back. Default: the model kind's.", min: 1e-6, max: 1);

    public Option[] All => [Weight, Decay];

    /// <summary>The model type's defaults, overridden by the options given.</summary>
    public RepeatOptions Parse(ParseResult r, string modelType)
    {
        ArgumentNullException.ThrowIfNull(r);
        var d = RepeatModelStore.DefaultsFor(modelType);
        return d with
        {
            Weight = (float)(r.GetValue(Weight) ?? d.Weight),
            Decay = (float)(r.GetValue(Decay) ?? d.Decay),
        };
    }
}
