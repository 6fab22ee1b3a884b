using System.Text;
using Microsoft.AspNetCore.Http.Features;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Privacy;

/// <summary>
/// The session id of <c>DELETE /api/v1/sessions/{id}</c>, decoded exactly once from the raw request target. The
/// route value cannot be used: servers leave <c>%2F</c> encoded but decode <c>%25</c>, so <c>x%2Fy</c> and
/// <c>x%252Fy</c> arrive as the same route value although they name different sessions.
/// </summary>
public static class SessionIdFromPath
{
    private const string Segment = "/sessions/";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(HttpContext context, string field)
    {
        ArgumentNullException.ThrowIfNull(context);
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        int query = raw.IndexOf('?', StringComparison.Ordinal);
        string path = query < 0 ? raw : raw[..query];
        int at = path.StartsWith('/') ? path.IndexOf(Segment, StringComparison.OrdinalIgnoreCase) : -1;
        if (at >= 0)
        {
            return JsonBody.ValidateId(field, Decode(path[(at + Segment.Length)..], field));
        }

        // A server without a raw target (the in-memory test server): its route value is decoded but for %2F.
        string value = context.Request.RouteValues[field] as string ?? "";
        return JsonBody.ValidateId(field, value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Percent-decodes to bytes, then UTF-8 strictly: invalid sequences are a 400, never a guess.</summary>
    private static string Decode(string encoded, string field)
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
