namespace SessionRec.Server.Validation;

/// <summary>
/// Endpoint metadata: what a 503 says when the session store is unreachable during this endpoint (e.g. "the click
/// was not stored"), so <see cref="Hosting.ApiExceptionHandler"/> answers every endpoint in its own words.
/// </summary>
public sealed record StoreOutage(string Detail)
{
    public const string Default = "The session store is unavailable. Retry later.";
}
