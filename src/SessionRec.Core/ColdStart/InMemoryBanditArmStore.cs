using System.Collections.Concurrent;

namespace SessionRec.Core.ColdStart;

/// <summary>The in-process <see cref="IBanditArmStore"/>: lock-free counters per item.</summary>
public sealed class InMemoryBanditArmStore : IBanditArmStore
{
    private readonly ConcurrentDictionary<string, Arm> _arms = new(StringComparer.Ordinal);

    public ValueTask<ArmCounts[]> GetAsync(IReadOnlyList<string> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var counts = new ArmCounts[items.Count];
        for (int i = 0; i < counts.Length; i++)
        {
            if (_arms.TryGetValue(items[i], out var arm))
            {
                counts[i] = new ArmCounts(Interlocked.Read(ref arm.Successes), Interlocked.Read(ref arm.Failures));
            }
        }

        return ValueTask.FromResult(counts);
    }

    public ValueTask AddAsync(IReadOnlyList<ArmReward> rewards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        foreach (var reward in rewards)
        {
            var arm = _arms.GetOrAdd(reward.Item, static _ => new Arm());
            Interlocked.Increment(ref reward.Success ? ref arm.Successes : ref arm.Failures);
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Arm
    {
        public long Successes;
        public long Failures;
    }
}
