namespace SessionRec.Client;

/// <summary>Answer to a click: <c>status</c> "success" and what happened (recorded, or already recorded for this event id).</summary>
public sealed record ClickResult(string Status, string Message);

/// <summary>The next items for a session, best first, with the id to send feedback for them.</summary>
public sealed record Recommendations(
    string SessionId,
    string RecommendationId,
    IReadOnlyList<string> Items,
    IReadOnlyList<double> Scores,
    bool UsedColdstart,
    string Strategy,
    string Model,
    string Message);

/// <summary>Whether feedback was counted (false when already resolved, expired or not this session's) and whether it was a hit.</summary>
public sealed record FeedbackResult(string Status, bool Counted, bool? Hit, string Message);

/// <summary>A catalog entry.</summary>
public sealed record CatalogItem(string ItemId, string Name, string Category, IReadOnlyDictionary<string, string> Attributes);

/// <summary>Overall and per-component health ("healthy", "degraded", "unhealthy") and the service's version.</summary>
public sealed record HealthStatus(string Status, HealthComponents Components, IReadOnlyDictionary<string, string> Details, string Version);

public sealed record HealthComponents(string SessionStore, string VectorStore, string Model);

/// <summary>The served model, its offline figures and the service's version.</summary>
public sealed record ModelInfo(string Name, string Source, int Items, int CatalogItems, IReadOnlyDictionary<string, double> Offline, string Version);
