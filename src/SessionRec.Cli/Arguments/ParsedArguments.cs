using System.Globalization;

namespace SessionRec.Cli.Arguments;

/// <summary>
/// <c>--name value</c> options of one command. Every option must be declared, so a typo is an error rather than a
/// silently ignored setting; flags may stand alone or take an explicit true/false.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly string _command;

    private ParsedArguments(string command, Dictionary<string, string> values)
    {
        _command = command;
        _values = values;
    }

    public static ParsedArguments Parse(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(valueOptions);
        ArgumentNullException.ThrowIfNull(flagOptions);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new CliUsageException($"{command}: unexpected argument '{arg}' (options look like --name value).");
            }

            string name = arg[2..];
            string? inlineValue = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }

            string value;
            if (flagOptions.Contains(name))
            {
                value = inlineValue ?? (i + 1 < args.Count && args[i + 1] is "true" or "false" ? args[++i] : "true");
            }
            else if (valueOptions.Contains(name))
            {
                if (inlineValue is not null)
                {
                    value = inlineValue;
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    throw new CliUsageException($"{command}: option --{name} needs a value.");
                }
            }
            else
            {
                throw new CliUsageException($"{command}: unknown option --{name}.");
            }

            if (!values.TryAdd(name, value))
            {
                throw new CliUsageException($"{command}: option --{name} is given twice.");
            }
        }

        return new ParsedArguments(command, values);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public IEnumerable<string> Given => _values.Keys;

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new CliUsageException($"{_command}: option --{name} is required.");

    public int GetInt(string name, int fallback, int min = int.MinValue)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min)
        {
            throw new CliUsageException($"{_command}: --{name} must be an integer ≥ {min}, got '{text}'.");
        }

        return value;
    }

    public int? GetOptionalInt(string name, int min) => Has(name) ? GetInt(name, 0, min) : null;

    public double GetDouble(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
        {
            throw new CliUsageException($"{_command}: --{name} must be a number in [{min}, {max}], got '{text}'.");
        }

        return value;
    }

    public bool? GetBool(string name)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return null;
        }

        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw new CliUsageException($"{_command}: --{name} must be true or false, got '{text}'."),
        };
    }

    public string GetChoice(string name, string fallback, params string[] choices)
    {
        string value = _values.GetValueOrDefault(name) ?? fallback;
        return choices.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new CliUsageException($"{_command}: --{name} must be one of {string.Join("|", choices)}, got '{value}'.");
    }

    /// <summary>Comma-separated positive integers, e.g. <c>--k 5,10,20</c>.</summary>
    public IReadOnlyList<int> GetIntList(string name, IReadOnlyList<int> fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        var list = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 1)
            {
                throw new CliUsageException($"{_command}: --{name} must be positive integers separated by commas, got '{text}'.");
            }

            list.Add(k);
        }

        return list.Count > 0 ? list : throw new CliUsageException($"{_command}: --{name} is empty.");
    }
}
