namespace SessionRec.Server.Contracts;

/// <summary>
/// "healthy", "degraded" (something is down, recommendations still flow) or "unhealthy" (none can be served), overall
/// and per component; <c>details</c> says what each component is and, when it is not healthy, why.
/// </summary>
/// <param name="Version">The service's build version (the same as <c>sessionrec --version</c>).</param>
public sealed record HealthResponse(string Status, HealthComponents Components, IReadOnlyDictionary<string, string> Details, string Version);

public sealed record HealthComponents(string SessionStore, string VectorStore, string Model);
