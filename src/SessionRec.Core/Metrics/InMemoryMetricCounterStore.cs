namespace SessionRec.Core.Metrics;

/// <summary>The in-process <see cref="IMetricCounterStore"/>: one interlocked counter each.</summary>
public sealed class InMemoryMetricCounterStore : IMetricCounterStore
{
    private readonly long[] _values = new long[Enum.GetValues<MetricCounter>().Length];

    public void Add(MetricCounter counter, long value = 1) => Interlocked.Add(ref _values[(int)counter], value);

    public ValueTask<long[]> ReadAsync(CancellationToken cancellationToken = default)
    {
        var copy = new long[_values.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _values[i]);
        }

        return ValueTask.FromResult(copy);
    }
}
