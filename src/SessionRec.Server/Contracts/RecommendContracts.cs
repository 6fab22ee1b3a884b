namespace SessionRec.Server.Contracts;

/// <summary>Asks for the next items of a session; <c>k</c> defaults to 10 (1..100).</summary>
public sealed record RecommendRequest(string SessionId, int? K);

/// <summary>What was recommended; <c>arm</c> names the experiment arm that served (null when no experiment runs).</summary>
public sealed record RecommendResponse(
    string SessionId,
    string RecommendationId,
    IReadOnlyList<string> Recommendations,
    IReadOnlyList<double> Scores,
    bool UsedColdstart,
    string Strategy,
    string Model,
    string Message,
    string? Arm = null);
