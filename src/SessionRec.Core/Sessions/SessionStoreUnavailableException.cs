namespace SessionRec.Core.Sessions;

/// <summary>
/// The session store, or the shared learning state beside it, cannot be reached (or did not answer in time). Stores
/// translate their own failures into this, so the service can answer 503 for writes and degrade reads to cold start
/// without knowing the backend.
/// </summary>
public sealed class SessionStoreUnavailableException : Exception
{
    public SessionStoreUnavailableException()
    {
    }

    public SessionStoreUnavailableException(string message)
        : base(message)
    {
    }

    public SessionStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
