using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SessionRec.Core.ColdStart;

/// <summary>
/// Beta-Bernoulli Thompson sampling over candidate items: each arm's posterior is Beta(prior α + hits,
/// prior β + misses); a request samples every candidate once and serves the highest draws. Work per request is
/// proportional to the candidate count, never the catalog.
/// </summary>
public sealed class ThompsonSamplingBandit
{
    private readonly ConcurrentDictionary<string, Arm> _arms = new(StringComparer.Ordinal);
    private readonly Random _random;
    private readonly object _randomLock = new();
    private readonly double _priorAlpha;
    private readonly double _priorBeta;

    /// <param name="random">Injected so tests are reproducible; calls to it are serialised here.</param>
    public ThompsonSamplingBandit(IOptions<ColdStartOptions> options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _priorAlpha = options.Value.PriorAlpha;
        _priorBeta = options.Value.PriorBeta;
    }

    /// <summary>
    /// Chooses up to <c>destination.Length</c> candidates by sampled success probability, best first; writes each
    /// choice's draw into <paramref name="draws"/>. Returns how many were written.
    /// </summary>
    public int Choose(ReadOnlySpan<string> candidates, Span<string> destination, Span<double> draws)
    {
        int k = Math.Min(destination.Length, candidates.Length);
        if (k == 0)
        {
            return 0;
        }

        int n = candidates.Length;
        double[]? rentedKeys = null;
        int[]? rentedOrder = null;
        Span<double> keys = n <= 512 ? stackalloc double[n] : (rentedKeys = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        Span<int> order = n <= 512 ? stackalloc int[n] : (rentedOrder = ArrayPool<int>.Shared.Rent(n)).AsSpan(0, n);
        lock (_randomLock)
        {
            for (int i = 0; i < n; i++)
            {
                var (alpha, beta) = Posterior(candidates[i]);
                keys[i] = -BetaSampler.Sample(_random, alpha, beta); // negated: Sort is ascending
                order[i] = i;
            }
        }

        keys.Sort(order);
        for (int i = 0; i < k; i++)
        {
            destination[i] = candidates[order[i]];
            draws[i] = -keys[i];
        }

        if (rentedKeys is not null)
        {
            ArrayPool<double>.Shared.Return(rentedKeys);
            ArrayPool<int>.Shared.Return(rentedOrder!);
        }

        return k;
    }

    /// <summary>Learns from one shown item: a success when it was the item clicked next.</summary>
    public void Reward(string itemId, bool success)
    {
        var arm = _arms.GetOrAdd(itemId, static _ => new Arm());
        if (success)
        {
            Interlocked.Increment(ref arm.Successes);
        }
        else
        {
            Interlocked.Increment(ref arm.Failures);
        }
    }

    /// <summary>The arm's current Beta parameters.</summary>
    public (double Alpha, double Beta) Posterior(string itemId) =>
        _arms.TryGetValue(itemId, out var arm)
            ? (_priorAlpha + Volatile.Read(ref arm.Successes), _priorBeta + Volatile.Read(ref arm.Failures))
            : (_priorAlpha, _priorBeta);

    private sealed class Arm
    {
        public long Successes;
        public long Failures;
    }
}
