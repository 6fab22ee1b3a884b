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
        var (buffer, length) = await ReadBytesAsync(request, RequestLimits.MaxBodyBytes, jsonLines: false, cancellationToken);
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

    /// <summary>
    /// The raw body, at most <paramref name="maxBytes"/>: JSON only (a browser's simple form post, text/plain or a form
    /// encoding, cannot carry a click for another site), or JSON Lines where <paramref name="jsonLines"/> allows it.
    /// </summary>
    public static async Task<(byte[] Buffer, int Length)> ReadBytesAsync(HttpRequest request, int maxBytes, bool jsonLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType() && !(jsonLines && IsJsonLines(request.ContentType)))
        {
            throw new RequestProblem(null, jsonLines
                ? "The request body must be JSON or JSON Lines, sent with 'Content-Type: application/json' or 'application/x-ndjson'."
                : "The request body must be JSON, sent with 'Content-Type: application/json'.", StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > maxBytes)
        {
            throw new RequestProblem(null, $"The request body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        // Small bodies read into one buffer of the limit; large ones (catalog imports) grow as they arrive.
        var buffer = new byte[(int)Math.Min(maxBytes + 1L, Math.Max(RequestLimits.MaxBodyBytes + 1L, (request.ContentLength ?? 0) + 1))];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, 2L * buffer.Length));
            }

            int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        request.HttpContext.Items[ReadAtKey] = System.Diagnostics.Stopwatch.GetTimestamp();
        if (length > maxBytes)
        {
            throw new RequestProblem(null, $"The request body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        return (buffer, length);
    }

    private static bool IsJsonLines(string? contentType) =>
        contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/jsonlines", StringComparison.OrdinalIgnoreCase));

    /// <summary>A required id-like string: non-blank, at most 128 characters, no control characters.</summary>
    public string RequiredId(string field) =>
        OptionalId(field) ?? throw new RequestProblem(field, $"'{field}' is required.");

    /// <summary>An optional id-like string; null when absent or JSON null.</summary>
    public string? OptionalId(string field)
    {
        if (!JsonFields.TryGet(_document.RootElement, field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new RequestProblem(field, $"'{field}' must be a string.");
        }

        return ValidateId(field, JsonFields.ReadString(field, value));
    }

    /// <summary>An optional integer within [min, max].</summary>
    public int? OptionalInt(string field, int min, int max)
    {
        if (!JsonFields.TryGet(_document.RootElement, field, out var value))
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
    public IReadOnlyList<string>? OptionalIdArray(string field, int maxCount) =>
        JsonFields.IdArray(_document.RootElement, field, field, maxCount);

    /// <summary>The body's top-level object, for readers of nested fields (<see cref="JsonFields"/>).</summary>
    public JsonElement Root => _document.RootElement;

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

    public void Dispose() => _document.Dispose();
}
