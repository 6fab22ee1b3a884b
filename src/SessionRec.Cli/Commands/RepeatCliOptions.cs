using SessionRec.Cli.Arguments;
using SessionRec.Models.Repeat;

namespace SessionRec.Cli.Commands;

/// <summary>Command-line names of the repeat mixture's settings (every model kind has them).</summary>
public static class RepeatCliOptions
{
    public static readonly string[] ValueOptions = ["repeat-weight", "repeat-decay"];

    /// <summary>The model type's defaults, overridden by the options given.</summary>
    public static RepeatOptions Parse(ParsedArguments args, string modelType)
    {
        ArgumentNullException.ThrowIfNull(args);
        var d = RepeatModelStore.DefaultsFor(modelType);
        return d with
        {
            Weight = (float)args.GetDouble("repeat-weight", d.Weight, min: 0, max: 1),
            Decay = (float)args.GetDouble("repeat-decay", d.Decay, min: 1e-6, max: 1),
        };
    }
}
