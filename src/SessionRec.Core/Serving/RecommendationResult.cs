namespace SessionRec.Core.Serving;

public sealed record RecommendationResult(
    string RecommendationId,
    IReadOnlyList<string> Items,
    IReadOnlyList<double> Scores,
    bool UsedColdStart,
    string Model,
    string Message,
    string? Arm = null)
{
    public string Strategy => UsedColdStart ? "coldstart" : "model";
}
