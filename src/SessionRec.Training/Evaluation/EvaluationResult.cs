namespace SessionRec.Training.Evaluation;

public sealed record EvaluationResult(
    EvaluationProtocol Protocol,
    int Predictions,
    bool ExcludeSeen,
    IReadOnlyList<MetricsAtK> Metrics)
{
    public MetricsAtK At(int k) => Metrics.FirstOrDefault(m => m.K == k)
        ?? throw new ArgumentOutOfRangeException(nameof(k), $"No metrics at K={k}.");
}
