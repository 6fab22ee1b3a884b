using Microsoft.Extensions.Options;

namespace SessionRec.Core.Serving;

/// <summary>
/// A per-minute budget of learning events per client address, in process (each replica keeps its own). A request
/// without a known address (in-process callers, tests) is not limited.
/// </summary>
public sealed class SourceLearningBudget(IOptions<LearningOptions> options, TimeProvider time)
{
    private readonly int _perMinute = options.Value.MaxPerSourcePerMinute;
    private readonly SourceWindowTable<Counter> _counts = new(TimeSpan.FromMinutes(1), options.Value.MaxTrackedSources, time);

    /// <summary>Takes one learning event from <paramref name="source"/>'s budget; false when it is spent.</summary>
    public bool TryTake(string? source)
    {
        if (source is null || _perMinute == 0)
        {
            return true;
        }

        var count = _counts.Get(source);
        return count is not null && Interlocked.Increment(ref count.Value) <= _perMinute;
    }

    private sealed class Counter
    {
        public int Value;
    }
}
