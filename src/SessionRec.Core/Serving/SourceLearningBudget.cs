using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SessionRec.Core.Serving;

/// <summary>
/// A per-minute budget of learning events per client address, in process. The table is replaced when the minute
/// turns, so it holds at most one minute's addresses (and never more than the tracked bound). A request without a
/// known address (in-process callers, tests) is not limited.
/// </summary>
public sealed class SourceLearningBudget(IOptions<LearningOptions> options, TimeProvider time)
{
    private readonly int _perMinute = options.Value.MaxPerSourcePerMinute;
    private readonly int _maxSources = options.Value.MaxTrackedSources;
    private Window _window = new(long.MinValue);

    /// <summary>Takes one learning event from <paramref name="source"/>'s budget; false when it is spent.</summary>
    public bool TryTake(string? source)
    {
        if (source is null || _perMinute == 0)
        {
            return true;
        }

        long minute = time.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        var window = Volatile.Read(ref _window);
        if (window.Minute != minute)
        {
            var fresh = new Window(minute);
            window = Interlocked.CompareExchange(ref _window, fresh, window) == window ? fresh : Volatile.Read(ref _window);
        }

        if (!window.Counts.TryGetValue(source, out var count))
        {
            if (window.Counts.Count >= _maxSources)
            {
                return false;
            }

            count = window.Counts.GetOrAdd(source, static _ => new StrongBox());
        }

        return Interlocked.Increment(ref count.Value) <= _perMinute;
    }

    private sealed class Window(long minute)
    {
        public long Minute { get; } = minute;

        public ConcurrentDictionary<string, StrongBox> Counts { get; } = new(StringComparer.Ordinal);
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}
