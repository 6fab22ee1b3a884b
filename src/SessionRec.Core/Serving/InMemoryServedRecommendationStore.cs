using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;

namespace SessionRec.Core.Serving;

/// <summary>
/// The in-process <see cref="IServedRecommendationStore"/>: unresolved recommendations per session. Each can be taken
/// exactly once, by explicit feedback (by id) or by the session's next click (all pending at once), whichever comes
/// first. Records expire with the session TTL and vanish with the session on delete.
/// </summary>
public sealed class InMemoryServedRecommendationStore : IServedRecommendationStore, IDisposable
{
    /// <summary>Pending records kept per session; a client that asks repeatedly without clicking cannot grow memory.</summary>
    public const int MaxPendingPerSession = 16;

    private readonly ConcurrentDictionary<SessionKey, List<ServedRecommendation>> _pending = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly ITimer _sweeper;

    public InMemoryServedRecommendationStore(IOptions<SessionRetentionOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ttl = options.Value.Ttl;
        var period = ExpirySweep.PeriodFor(_ttl);
        _sweeper = _time.CreateTimer(static s => ((InMemoryServedRecommendationStore)s!).SweepExpired(), this, period, period);
    }

    public void Record(ServedRecommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        while (true)
        {
            var list = _pending.GetOrAdd(recommendation.Session, static _ => []);
            lock (list)
            {
                // Same unlink race as the session store: never write into a list a sweep or delete has dropped.
                if (!_pending.TryGetValue(recommendation.Session, out var current) || !ReferenceEquals(current, list))
                {
                    continue;
                }

                if (list.Count == MaxPendingPerSession)
                {
                    list.RemoveAt(0);
                }

                list.Add(recommendation);
                return;
            }
        }
    }

    /// <summary>Takes one recommendation of this session by id; null when unknown, expired or already resolved.</summary>
    public ServedRecommendation? Take(SessionKey session, string recommendationId)
    {
        if (!_pending.TryGetValue(session, out var list))
        {
            return null;
        }

        lock (list)
        {
            var cutoff = _time.GetUtcNow() - _ttl;
            int i = list.FindIndex(r => r.Id == recommendationId);
            if (i < 0)
            {
                return null;
            }

            var found = list[i];
            list.RemoveAt(i);
            return found.ServedAt > cutoff ? found : null;
        }
    }

    /// <summary>Takes every unexpired pending recommendation of the session (its next click resolves them all).</summary>
    public IReadOnlyList<ServedRecommendation> TakeAll(SessionKey session)
    {
        if (!_pending.TryGetValue(session, out var list))
        {
            return [];
        }

        lock (list)
        {
            var cutoff = _time.GetUtcNow() - _ttl;
            var taken = list.Where(r => r.ServedAt > cutoff).ToArray();
            list.Clear();
            return taken;
        }
    }

    public void DeleteSession(SessionKey session)
    {
        if (_pending.TryRemove(session, out var list))
        {
            lock (list)
            {
                list.Clear();
            }
        }
    }

    /// <summary>Drops expired records and empty sessions; runs on a timer, public for tests.</summary>
    public void SweepExpired()
    {
        var cutoff = _time.GetUtcNow() - _ttl;
        foreach (var (session, list) in _pending)
        {
            lock (list)
            {
                list.RemoveAll(r => r.ServedAt <= cutoff);
                if (list.Count == 0)
                {
                    _pending.TryRemove(new KeyValuePair<SessionKey, List<ServedRecommendation>>(session, list));
                }
            }
        }
    }

    internal int SessionsHeld => _pending.Count;

    ValueTask IServedRecommendationStore.RecordAsync(ServedRecommendation recommendation, CancellationToken cancellationToken)
    {
        Record(recommendation);
        return ValueTask.CompletedTask;
    }

    ValueTask<ServedRecommendation?> IServedRecommendationStore.TakeAsync(SessionKey session, string recommendationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Take(session, recommendationId));

    ValueTask<IReadOnlyList<ServedRecommendation>> IServedRecommendationStore.TakeAllAsync(SessionKey session, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TakeAll(session));

    ValueTask IServedRecommendationStore.DeleteSessionAsync(SessionKey session, CancellationToken cancellationToken)
    {
        DeleteSession(session);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _sweeper.Dispose();
}
