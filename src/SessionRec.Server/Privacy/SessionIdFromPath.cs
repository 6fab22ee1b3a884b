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

    public static string Read(HttpContext context, string field)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RawPath.After(context, Segment) is { } encoded)
        {
            return JsonBody.ValidateId(field, RawPath.Decode(encoded, field));
        }

        // A server without a raw target (the in-memory test server): its route value is decoded but for %2F.
        string value = context.Request.RouteValues[field] as string ?? "";
        return JsonBody.ValidateId(field, value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));
    }
}
