using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;

namespace SessionRec.Core.Serving;

/// <summary>
/// Turns a resolved recommendation into learning: one hit-rate observation, and for cold-start slates one
/// Bernoulli reward per shown item (success only for the item that was clicked).
/// </summary>
public sealed class RecommendationResolver(OnlineMetrics metrics, ThompsonSamplingBandit bandit)
{
    public bool Resolve(IReadOnlyList<string> servedItems, bool coldStart, string? clickedItem)
    {
        ArgumentNullException.ThrowIfNull(servedItems);
        bool hit = OnlineMetrics.IsHit(servedItems, clickedItem);
        metrics.RecommendationResolved(hit);
        if (coldStart)
        {
            foreach (var item in servedItems)
            {
                bandit.Reward(item, string.Equals(item, clickedItem, StringComparison.Ordinal));
            }
        }

        return hit;
    }
}
