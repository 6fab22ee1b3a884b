using Microsoft.Extensions.Options;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Experiments;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;

namespace SessionRec.Core.Serving;

/// <summary>
/// Turns a resolved recommendation into learning: one hit-rate observation, and for cold-start slates one
/// Bernoulli reward per shown item (success only for the item that was clicked), limited to the arms this session
/// has not rewarded before, to a few slates a minute per session, to a per-minute budget per client address
/// (<see cref="SourceLearningBudget"/>), and to the arms that address has not rewarded in the current window
/// (<see cref="SourceItemLedger"/>), so no single client can steer the bandit, even with a new session per round.
/// </summary>
public sealed class RecommendationResolver(
    OnlineMetrics metrics,
    ThompsonSamplingBandit bandit,
    ISessionStore sessions,
    SourceLearningBudget budget,
    SourceItemLedger ledger,
    IOptions<ColdStartOptions> options,
    ExperimentArms? experiments = null)
{
    private readonly int _maxRewardsPerMinute = options.Value.MaxRewardsPerSessionPerMinute;

    /// <summary>
    /// Learns from the resolution. The bandit goes first: when its store is unavailable nothing was counted, so the
    /// caller can put the record back.
    /// </summary>
    public async ValueTask<bool> ResolveAsync(SessionKey session, ServedRecommendation served, string? clickedItem, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(served);
        var items = served.Items;
        if (served.ColdStart && items.Count > 0 && budget.TryTake(source))
        {
            bool[] claimed = await sessions.ClaimArmsAsync(session, items, _maxRewardsPerMinute, cancellationToken);
            ledger.ClaimArms(source, items, claimed);
            var rewards = new List<ArmReward>(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                if (claimed[i])
                {
                    rewards.Add(new ArmReward(items[i], string.Equals(items[i], clickedItem, StringComparison.Ordinal)));
                }
            }

            if (rewards.Count > 0)
            {
                await bandit.RewardAsync(rewards, cancellationToken);
            }
        }

        bool hit = OnlineMetrics.IsHit(items, clickedItem);
        metrics.RecommendationResolved(hit, served.Arm);
        experiments?.Find(served.Arm)?.Stats.ResolvedOnce(hit, served.ColdStart);
        return hit;
    }
}
