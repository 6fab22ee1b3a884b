using System.Diagnostics;
using System.Globalization;

namespace SessionRec.Cli.Simulation;

/// <summary>
/// A replay's events in the order they happened, for measuring after the fact how soon the service recommends an
/// item once it has been clicked (bench/online/replay.sh). One tab-separated line per event: the number of clicks
/// stored so far (over all sessions), milliseconds since the replay started, then <c>c</c> and the clicked item, or
/// <c>r</c>, the strategy that served, and the recommended items the session has not clicked itself (its own items
/// say nothing about what the model learnt from other sessions). No session ids.
/// </summary>
public sealed class SimulationTrace(TextWriter writer) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _clicks;

    public void Click(string item)
    {
        lock (_lock)
        {
            _clicks++;
            Write($"c\t{item}");
        }
    }

    public void Recommendation(string strategy, IEnumerable<string> recommended, IReadOnlyCollection<string> sessionItems)
    {
        string others = string.Join('\t', recommended.Where(i => !sessionItems.Contains(i)));
        lock (_lock)
        {
            Write($"r\t{strategy}\t{others}");
        }
    }

    public void Dispose() => writer.Dispose();

    private void Write(string line) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_clicks}\t{_clock.ElapsedMilliseconds}\t{line}"));
}
