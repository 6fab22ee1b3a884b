namespace SessionRec.Server.Contracts;

/// <summary>"healthy" or "unhealthy" overall and per component; <c>details</c> names the providers in use.</summary>
public sealed record HealthResponse(string Status, HealthComponents Components, IReadOnlyDictionary<string, string> Details);

public sealed record HealthComponents(string SessionStore, string VectorStore, string Model);
