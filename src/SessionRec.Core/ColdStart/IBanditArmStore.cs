namespace SessionRec.Core.ColdStart;

/// <summary>
/// Success and failure counts of the bandit's arms: shared learning state, so every replica samples from the
/// posteriors that every replica's traffic updated. Updates must be atomic increments.
/// </summary>
public interface IBanditArmStore
{
    /// <summary>Counts for each item, in order; zeros for items never rewarded.</summary>
    ValueTask<ArmCounts[]> GetAsync(IReadOnlyList<string> items, CancellationToken cancellationToken = default);

    ValueTask AddAsync(IReadOnlyList<ArmReward> rewards, CancellationToken cancellationToken = default);
}

public readonly record struct ArmCounts(long Successes, long Failures);

/// <summary>One shown item's outcome: a success when it was the item clicked next.</summary>
public readonly record struct ArmReward(string Item, bool Success);
