using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SessionRec.Cli.Arguments;

/// <summary>
/// Typed options whose parse errors name the option, the accepted values and what was given. Defaults shown in
/// <c>--help</c> come from the settings records, so a default lives in one place.
/// </summary>
internal static class CliOptions
{
    public static Option<int> Int(string name, string description, int defaultValue, int min = int.MinValue) =>
        new(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseInt(r, min) ?? defaultValue,
        };

    /// <summary>An integer with no fixed default (the default depends on other options).</summary>
    public static Option<int?> OptionalInt(string name, string description, int min = int.MinValue) =>
        new(name) { Description = description, HelpName = "N", CustomParser = r => ParseInt(r, min) };

    public static Option<double> Double(string name, string description, double defaultValue, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        new(name)
        {
            Description = description,
            HelpName = "X",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseDouble(r, min, max) ?? defaultValue,
        };

    public static Option<double?> OptionalDouble(string name, string description, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        new(name) { Description = description, HelpName = "X", CustomParser = r => ParseDouble(r, min, max) };

    /// <summary>One of a fixed set of words; null default: not given (the command decides).</summary>
    public static Option<string> Choice(string name, string description, string? defaultValue, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            CustomParser = r =>
            {
                string text = Single(r);
                if (!choices.Contains(text, StringComparer.Ordinal))
                {
                    string accepted = choices.Length == 2 ? $"{choices[0]} or {choices[1]}" : $"one of {string.Join('|', choices)}";
                    r.AddError($"{name} must be {accepted}, got '{text}'.");
                }

                return text;
            },
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        return option;
    }

    public static Option<string> Text(string name, string description, string helpName, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>A path that must name an existing file (checked before the command runs).</summary>
    public static Option<string> ExistingFile(string name, string description, bool required = false)
    {
        var option = Text(name, description, "PATH", required);
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } path && !File.Exists(path))
            {
                r.AddError($"{name} {path}: file not found.");
            }
        });
        return option;
    }

    /// <summary>A switch: <c>--json</c> alone, or <c>--json true|false</c>.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary><c>--name true|false</c> (read with <see cref="GetTrueFalse"/>): null when not given, so the model's own default applies.</summary>
    public static Option<string> TrueFalse(string name, string description) => Choice(name, description, null, "true", "false");

    public static bool? GetTrueFalse(this ParseResult result, Option<string> option) => result.GetValue(option) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>Comma-separated positive integers, e.g. <c>--k 5,10,20</c>.</summary>
    public static Option<IReadOnlyList<int>> IntList(string name, string description, int[] defaultValue) =>
        new(name)
        {
            Description = description,
            HelpName = "N[,N...]",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                string text = Single(r);
                var list = new List<int>();
                foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 1)
                    {
                        r.AddError($"{Name(r)} must be positive integers separated by commas, got '{text}'.");
                        return defaultValue;
                    }

                    list.Add(k);
                }

                if (list.Count == 0)
                {
                    r.AddError($"{Name(r)} is empty.");
                }

                return list;
            },
        };

    /// <summary>True when the option was on the command line (not filled in from its default).</summary>
    public static bool Given(this ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static int? ParseInt(ArgumentResult r, int min)
    {
        if (r.Tokens.Count == 0)
        {
            return null;
        }

        string text = Single(r);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min)
        {
            string range = min == int.MinValue ? "an integer" : $"an integer ≥ {min}";
            r.AddError($"{Name(r)} must be {range}, got '{text}'.");
            return null;
        }

        return value;
    }

    private static double? ParseDouble(ArgumentResult r, double min, double max)
    {
        if (r.Tokens.Count == 0)
        {
            return null;
        }

        string text = Single(r);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
        {
            r.AddError(string.Create(CultureInfo.InvariantCulture, $"{Name(r)} must be a number in [{min}, {max}], got '{text}'."));
            return null;
        }

        return value;
    }

    private static string Single(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : string.Empty;

    private static string Name(ArgumentResult r) => r.Parent is OptionResult o ? o.Option.Name : r.Argument.Name;
}
