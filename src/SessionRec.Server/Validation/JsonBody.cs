using System.Text.Json;

namespace SessionRec.Server.Validation;

/// <summary>
/// Reads and checks request bodies by hand rather than through model binding, so that every way a body can be
/// wrong (too large, not JSON, missing field, wrong type, bad id) gets a 400 that names the field, before anything
/// is stored. Throws <see cref="RequestProblem"/>; <see cref="Hosting.ApiExceptionHandler"/> turns it into problem+json.
/// </summary>
public sealed class JsonBody : IDisposable
{
    /// <summary>HttpContext.Items key: when the body was read (a Stopwatch timestamp), so latency excludes the upload.</summary>
    public const string ReadAtKey = "sessionrec.body-read-at";

    private readonly JsonDocument _document;

    private JsonBody(JsonDocument document) => _document = document;

    public static async Task<JsonBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Only JSON: a browser's simple form post (text/plain, form encodings) cannot carry a click for another site.
        if (!request.HasJsonContentType())
        {
            throw new RequestProblem(null, "The request body must be JSON, sent with 'Content-Type: application/json'.", StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            throw new RequestProblem(null, $"The request body is larger than {RequestLimits.MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        var buffer = new byte[RequestLimits.MaxBodyBytes + 1];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        request.HttpContext.Items[ReadAtKey] = System.Diagnostics.Stopwatch.GetTimestamp();
        if (length > RequestLimits.MaxBodyBytes)
        {
            throw new RequestProblem(null, $"The request body is larger than {RequestLimits.MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        if (length == 0)
        {
            throw new RequestProblem(null, "The request body is empty; a JSON object is required.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw new RequestProblem(null, "The request body is not valid JSON.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new RequestProblem(null, "The request body must be a JSON object.");
        }

        return new JsonBody(document);
    }

    /// <summary>A required id-like string: non-blank, at most 128 characters, no control characters.</summary>
    public string RequiredId(string field) =>
        OptionalId(field) ?? throw new RequestProblem(field, $"'{field}' is required.");

    /// <summary>An optional id-like string; null when absent or JSON null.</summary>
    public string? OptionalId(string field)
    {
        if (!_document.RootElement.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new RequestProblem(field, $"'{field}' must be a string.");
        }

        return ValidateId(field, ReadString(field, value));
    }

    /// <summary>An optional integer within [min, max].</summary>
    public int? OptionalInt(string field, int min, int max)
    {
        if (!_document.RootElement.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw new RequestProblem(field, $"'{field}' must be an integer.");
        }

        if (number < min || number > max)
        {
            throw new RequestProblem(field, $"'{field}' must be between {min} and {max}.");
        }

        return (int)number;
    }

    /// <summary>An optional array of id-like strings, at most <paramref name="maxCount"/> long.</summary>
    public IReadOnlyList<string>? OptionalIdArray(string field, int maxCount)
    {
        if (!_document.RootElement.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestProblem(field, $"'{field}' must be an array of strings.");
        }

        int count = value.GetArrayLength();
        if (count == 0 || count > maxCount)
        {
            throw new RequestProblem(field, $"'{field}' must hold between 1 and {maxCount} items.");
        }

        var items = new string[count];
        int i = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                throw new RequestProblem(field, $"'{field}' must be an array of strings.");
            }

            items[i++] = ValidateId(field, ReadString(field, element));
        }

        return items;
    }

    public static string ValidateId(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RequestProblem(field, $"'{field}' must not be empty.");
        }

        if (value.Length > RequestLimits.MaxIdLength)
        {
            throw new RequestProblem(field, $"'{field}' must be at most {RequestLimits.MaxIdLength} characters.");
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsControl(c))
            {
                throw new RequestProblem(field, $"'{field}' must not contain control characters.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw InvalidUnicode(field);
            }
        }

        return value;
    }

    public static RequestProblem InvalidUnicode(string field) =>
        new(field, $"'{field}' must be valid Unicode (no lone surrogates, no invalid UTF-8).");

    /// <summary>The parser accepts lone surrogate escapes and invalid UTF-8 inside strings; decoding them throws.</summary>
    private static string ReadString(string field, JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw InvalidUnicode(field);
        }
    }

    public void Dispose() => _document.Dispose();
}
