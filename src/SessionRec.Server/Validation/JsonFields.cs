using System.Text.Json;

namespace SessionRec.Server.Validation;

/// <summary>
/// Field readers for JSON objects anywhere in a body (a nested <c>filter</c>, one entry of a catalog batch), naming
/// the field by its path (e.g. <c>filter.categories</c>, <c>[3].available</c>) in the 400 they throw.
/// </summary>
public static class JsonFields
{
    /// <summary>Longest name or property value a catalog entry may carry.</summary>
    public const int MaxTextLength = 1000;

    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        try
        {
            return obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
        }
        catch (InvalidOperationException)
        {
            // Looking a name up unescapes the object's member names; one with a lone surrogate escape cannot be.
            throw new RequestProblem(null, "A member name in the body is not valid Unicode (no lone surrogates, no invalid UTF-8).");
        }
    }

    /// <summary>An optional array of id-like strings, 1..<paramref name="maxCount"/> long.</summary>
    public static IReadOnlyList<string>? IdArray(JsonElement obj, string name, string path, int maxCount)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestProblem(path, $"'{path}' must be an array of strings.");
        }

        int count = value.GetArrayLength();
        if (count == 0 || count > maxCount)
        {
            throw new RequestProblem(path, $"'{path}' must hold between 1 and {maxCount} items.");
        }

        var items = new string[count];
        int i = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                throw new RequestProblem(path, $"'{path}' must be an array of strings.");
            }

            items[i++] = JsonBody.ValidateId(path, ReadString(path, element));
        }

        return items;
    }

    /// <summary>An optional free-text string (a name, a property value): at most <see cref="MaxTextLength"/>
    /// characters, valid Unicode, no control characters other than line breaks and tabs.</summary>
    public static string? Text(JsonElement obj, string name, string path, bool allowEmpty = false)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new RequestProblem(path, $"'{path}' must be a string.");
        }

        return ValidateText(path, ReadString(path, value), allowEmpty);
    }

    public static string ValidateText(string path, string text, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            throw new RequestProblem(path, $"'{path}' must not be empty.");
        }

        if (text.Length > MaxTextLength)
        {
            throw new RequestProblem(path, $"'{path}' must be at most {MaxTextLength} characters.");
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                throw new RequestProblem(path, $"'{path}' must not contain control characters other than line breaks and tabs.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw JsonBody.InvalidUnicode(path);
            }
        }

        return text;
    }

    public static bool? Bool(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestProblem(path, $"'{path}' must be true or false."),
        };
    }

    /// <summary>An optional object that must be one.</summary>
    public static JsonElement? Object(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw new RequestProblem(path, $"'{path}' must be a JSON object.");
    }

    /// <summary>Rejects members other than <paramref name="allowed"/>, so a misspelt field is a 400, not silently ignored.</summary>
    public static void OnlyKnown(JsonElement obj, string prefix, ReadOnlySpan<string> allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            string name = PropertyName(property, prefix.Length == 0 ? "body" : prefix.TrimEnd('.'));
            if (!allowed.Contains(name))
            {
                string path = prefix + Printable(name);
                throw new RequestProblem(path, $"Unknown field '{path}'; expected {string.Join(", ", allowed.ToArray())}.");
            }
        }
    }

    /// <summary>A member's name; one that is not valid Unicode (a lone surrogate escape) is a 400 naming <paramref name="path"/>.</summary>
    public static string PropertyName(JsonProperty property, string path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw JsonBody.InvalidUnicode(path);
        }
    }

    /// <summary>A property name as it may appear in an answer: never a lone surrogate or control character.</summary>
    public static string Printable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new System.Text.StringBuilder(Math.Min(name.Length, RequestLimits.MaxIdLength));
        for (int i = 0; i < name.Length && builder.Length < RequestLimits.MaxIdLength; i++)
        {
            char c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                builder.Append(c).Append(name[++i]);
            }
            else
            {
                builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The parser accepts lone surrogate escapes and invalid UTF-8 inside strings; decoding them throws.</summary>
    public static string ReadString(string path, JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw JsonBody.InvalidUnicode(path);
        }
    }
}
