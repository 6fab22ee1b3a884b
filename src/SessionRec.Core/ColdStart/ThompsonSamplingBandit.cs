using System.Buffers;
using Microsoft.Extensions.Options;
using SessionRec.Core.Sessions;

namespace SessionRec.Core.ColdStart;

/// <summary>
/// Beta-Bernoulli Thompson sampling over candidate items: each arm's posterior is Beta(prior α + hits,
/// prior β + misses); a request samples every candidate once and serves the highest draws. Work per request is
/// proportional to the candidate count, never the catalog. The counts live in an <see cref="IBanditArmStore"/>.
/// </summary>
public sealed class ThompsonSamplingBandit
{
    private readonly IBanditArmStore _arms;
    private readonly Random _random;
    private readonly object _randomLock = new();
    private readonly double _priorAlpha;
    private readonly double _priorBeta;

    /// <param name="random">Injected so tests are reproducible; calls to it are serialised here.</param>
    public ThompsonSamplingBandit(IOptions<ColdStartOptions> options, Random random, IBanditArmStore arms)
    {
        ArgumentNullException.ThrowIfNull(options);
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _arms = arms ?? throw new ArgumentNullException(nameof(arms));
        _priorAlpha = options.Value.PriorAlpha;
        _priorBeta = options.Value.PriorBeta;
    }

    /// <summary>
    /// Chooses up to <c>destination.Length</c> candidates by sampled success probability, best first; writes each
    /// choice's draw into <paramref name="draws"/>. Returns how many were written.
    /// </summary>
    public async ValueTask<int> ChooseAsync(IReadOnlyList<string> candidates, string[] destination, double[] draws, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(draws);
        int k = Math.Min(destination.Length, candidates.Count);
        if (k == 0)
        {
            return 0;
        }

        ArmCounts[] counts;
        try
        {
            counts = await _arms.GetAsync(candidates, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            counts = new ArmCounts[candidates.Count]; // priors only: still a sensible slate while the backend is away
        }

        return Rank(candidates, counts, destination, draws, k);
    }

    /// <summary>Learns from shown items: a success for the item clicked next, a failure for the others.</summary>
    public ValueTask RewardAsync(IReadOnlyList<ArmReward> rewards, CancellationToken cancellationToken = default) =>
        _arms.AddAsync(rewards, cancellationToken);

    /// <summary>The arm's current Beta parameters.</summary>
    public async ValueTask<(double Alpha, double Beta)> PosteriorAsync(string itemId, CancellationToken cancellationToken = default)
    {
        var counts = (await _arms.GetAsync([itemId], cancellationToken))[0];
        return (_priorAlpha + counts.Successes, _priorBeta + counts.Failures);
    }

    private int Rank(IReadOnlyList<string> candidates, ArmCounts[] counts, string[] destination, double[] draws, int k)
    {
        int n = candidates.Count;
        double[] keys = ArrayPool<double>.Shared.Rent(n);
        int[] order = ArrayPool<int>.Shared.Rent(n);
        try
        {
            lock (_randomLock)
            {
                for (int i = 0; i < n; i++)
                {
                    // Negated: Sort is ascending and we want the highest draws first.
                    keys[i] = -BetaSampler.Sample(_random, _priorAlpha + counts[i].Successes, _priorBeta + counts[i].Failures);
                    order[i] = i;
                }
            }

            keys.AsSpan(0, n).Sort(order.AsSpan(0, n));
            for (int i = 0; i < k; i++)
            {
                destination[i] = candidates[order[i]];
                draws[i] = -keys[i];
            }

            return k;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(order);
        }
    }
}
