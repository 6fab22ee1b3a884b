using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;

namespace SessionRec.Core.Serving;

/// <summary>
/// Turns a resolved recommendation into learning: one hit-rate observation, and for cold-start slates one
/// Bernoulli reward per shown item (success only for the item that was clicked).
/// </summary>
public sealed class RecommendationResolver(OnlineMetrics metrics, ThompsonSamplingBandit bandit)
{
    public async ValueTask<bool> ResolveAsync(IReadOnlyList<string> servedItems, bool coldStart, string? clickedItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servedItems);
        bool hit = OnlineMetrics.IsHit(servedItems, clickedItem);
        metrics.RecommendationResolved(hit);
        if (coldStart)
        {
            var rewards = new ArmReward[servedItems.Count];
            for (int i = 0; i < rewards.Length; i++)
            {
                rewards[i] = new ArmReward(servedItems[i], string.Equals(servedItems[i], clickedItem, StringComparison.Ordinal));
            }

            await bandit.RewardAsync(rewards, cancellationToken);
        }

        return hit;
    }
}
