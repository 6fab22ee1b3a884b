namespace SessionRec.Training.Evaluation;

/// <summary>Averages over all predictions at one cut-off; coverage is the share of the catalog in any top-K list.</summary>
public sealed record MetricsAtK(int K, double HitRate, double Ndcg, double Mrr, double Coverage);
