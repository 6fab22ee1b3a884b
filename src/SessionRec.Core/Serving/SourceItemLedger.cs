using Microsoft.Extensions.Options;

namespace SessionRec.Core.Serving;

/// <summary>
/// What each client address has already taught in the current window (<see cref="LearningOptions.SourceWindow"/>):
/// the bandit arms it rewarded (success or failure) and the items it counted for trending. An address teaches each
/// arm and each item at most once per window, and at most <see cref="LearningOptions.MaxItemsPerSource"/> of each,
/// so a client that invents a new session per round teaches no more than one honest visitor with a couple of slates.
/// In process, like <see cref="SourceLearningBudget"/>: each replica keeps its own table. A request without a known
/// address (in-process callers, tests) is not limited.
/// </summary>
public sealed class SourceItemLedger
{
    private readonly int _maxItems;
    private readonly SourceWindowTable<Claims> _claims;

    public SourceItemLedger(IOptions<LearningOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxItems = options.Value.MaxItemsPerSource;
        _claims = new(options.Value.SourceWindow, options.Value.MaxTrackedSources, time);
    }

    /// <summary>
    /// Keeps <paramref name="claimed"/>[i] set only for the arms <paramref name="source"/> has not rewarded in this
    /// window, while its allowance lasts, and records them.
    /// </summary>
    public void ClaimArms(string? source, IReadOnlyList<string> arms, bool[] claimed)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(claimed);
        if (source is null || _maxItems == 0)
        {
            return;
        }

        var claims = _claims.Get(source);
        for (int i = 0; i < arms.Count; i++)
        {
            claimed[i] = claimed[i] && claims is not null && claims.Arms.TryAdd(arms[i], _maxItems);
        }
    }

    /// <summary>True, and recorded, when <paramref name="source"/> has not counted the item for trending in this window.</summary>
    public bool TryClaimTrending(string? source, string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (source is null || _maxItems == 0)
        {
            return true;
        }

        var claims = _claims.Get(source);
        return claims is not null && claims.Trending.TryAdd(item, _maxItems);
    }

    private sealed class Claims
    {
        public ItemSet Arms { get; } = new();

        public ItemSet Trending { get; } = new();
    }

    /// <summary>
    /// A few items as their in-process string hashes, searched linearly: a colliding pair (rare among a handful) only
    /// withholds one lesson. About 70 bytes plus 4 per item, instead of a hash set per address.
    /// </summary>
    private sealed class ItemSet
    {
        private readonly Lock _lock = new();
        private int[] _hashes = [];
        private int _count;

        public bool TryAdd(string item, int capacity)
        {
            int hash = item.GetHashCode(StringComparison.Ordinal);
            lock (_lock)
            {
                if (_count >= capacity || _hashes.AsSpan(0, _count).Contains(hash))
                {
                    return false;
                }

                if (_count == _hashes.Length)
                {
                    Array.Resize(ref _hashes, Math.Min(capacity, Math.Max(4, _count * 2)));
                }

                _hashes[_count++] = hash;
                return true;
            }
        }
    }
}
