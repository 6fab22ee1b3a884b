namespace SessionRec.Server.Health;

/// <summary>The registered health checks: the seed's three components plus whether recommendations can be served.</summary>
public static class HealthComponentNames
{
    public const string SessionStore = "session_store";
    public const string VectorStore = "vector_store";
    public const string Model = "model";
    public const string Recommendations = "recommendations";

    /// <summary>Tag of the checks behind <c>/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Tag of the checks behind <c>/alive</c>.</summary>
    public const string LiveTag = "live";
}
