using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace SessionRec.Server.Validation;

/// <summary>
/// Ids read from the raw request target. Route values keep percent-escapes that are not valid UTF-8 as they came
/// (<c>%ED%A0%80</c> arrives as those nine characters), so an id written from a route value would be stored under a
/// different id than the client sent; the raw target tells the two apart.
/// </summary>
public static class RawPath
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The raw path after <paramref name="prefix"/> (to the query); null without a raw target or the prefix.</summary>
    public static string? After(HttpContext context, string prefix)
    {
        ArgumentNullException.ThrowIfNull(context);
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        int query = raw.IndexOf('?', StringComparison.Ordinal);
        string path = query < 0 ? raw : raw[..query];
        int at = path.StartsWith('/') ? path.IndexOf(prefix, StringComparison.OrdinalIgnoreCase) : -1;
        return at < 0 ? null : path[(at + prefix.Length)..];
    }

    /// <summary>A 400 naming <paramref name="field"/> when the path segment after <paramref name="prefix"/> is not valid UTF-8.</summary>
    public static void RequireUnicodeSegment(HttpContext context, string prefix, string field)
    {
        if (After(context, prefix) is { } rest)
        {
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            Decode(slash < 0 ? rest : rest[..slash], field);
        }
    }

    /// <summary>Percent-decodes to bytes, then UTF-8 strictly: invalid sequences are a 400, never a guess.</summary>
    public static string Decode(string encoded, string field)
    {
        if (!encoded.Contains('%', StringComparison.Ordinal))
        {
            return encoded;
        }

        try
        {
            return StrictUtf8.GetString([.. PercentDecode(encoded)]);
        }
        catch (ArgumentException) // invalid UTF-8 (DecoderFallbackException) or a lone surrogate (EncoderFallbackException)
        {
            throw JsonBody.InvalidUnicode(field);
        }
    }

    private static List<byte> PercentDecode(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        int i = 0;
        while (i < encoded.Length)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && char.IsAsciiHexDigit(encoded[i + 1]) && char.IsAsciiHexDigit(encoded[i + 2]))
            {
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 3;
                continue;
            }

            int next = encoded.IndexOf('%', i + 1);
            int end = next < 0 ? encoded.Length : next;
            bytes.AddRange(StrictUtf8.GetBytes(encoded[i..end]));
            i = end;
        }

        return bytes;
    }
}
