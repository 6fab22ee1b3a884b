namespace SessionRec.Training.Evaluation;

/// <summary>Per-prediction metric values from the 0-based rank of the target (-1 or ≥ K: not in the top K).</summary>
public static class RankingMetrics
{
    public static double HitRate(int rank, int k) => InTopK(rank, k) ? 1.0 : 0.0;

    /// <summary>One relevant item, so the ideal DCG is 1 and NDCG is 1/log2(rank + 2).</summary>
    public static double Ndcg(int rank, int k) => InTopK(rank, k) ? 1.0 / Math.Log2(rank + 2) : 0.0;

    public static double ReciprocalRank(int rank, int k) => InTopK(rank, k) ? 1.0 / (rank + 1) : 0.0;

    private static bool InTopK(int rank, int k) => rank >= 0 && rank < k;
}
