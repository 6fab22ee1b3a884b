namespace SessionRec.Core.Serving;

/// <summary>An answer; <see cref="RecommendationId"/> is null when nothing was recorded (stateless requests).</summary>
public sealed record RecommendationResult(
    string? RecommendationId,
    IReadOnlyList<string> Items,
    IReadOnlyList<double> Scores,
    bool UsedColdStart,
    string Model,
    string Message,
    string? Arm = null)
{
    public string Strategy => UsedColdStart ? "coldstart" : "model";
}
