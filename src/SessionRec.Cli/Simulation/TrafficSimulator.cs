using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionRec.Cli.Simulation;

/// <summary>
/// Replays real sessions against a running service: for each click, in order, it asks for recommendations, sends
/// feedback naming the item about to be clicked, then sends the click. Clicks on items the service does not know
/// (404 from /items) are dropped beforehand, as offline evaluation drops them, so online and offline hit rates
/// measure the same predictions.
/// </summary>
public sealed class TrafficSimulator(HttpClient client, SimulationOptions options)
{
    private readonly Dictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _knownLock = new(1, 1);

    public SimulationStats Stats { get; } = new();

    /// <param name="sessions">External item ids of each session, oldest first.</param>
    public async Task RunAsync(IReadOnlyList<IReadOnlyList<string>> sessions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var pacer = new Pacer(options.ClicksPerSecond);
        int next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, options.Concurrency)).Select(async _ =>
        {
            int s;
            while (!stop.IsCancellationRequested && (s = Interlocked.Increment(ref next)) < sessions.Count)
            {
                await ReplayAsync($"sim-{options.RunId}-{s}", sessions[s], pacer, stop.Token);
                Stats.SessionDone();
            }
        });
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The duration ran out: a normal end.
        }
    }

    private async Task ReplayAsync(string sessionId, IReadOnlyList<string> items, Pacer pacer, CancellationToken cancellationToken)
    {
        var stored = new List<string>();
        foreach (var item in items)
        {
            if (!await IsKnownAsync(item, cancellationToken))
            {
                Stats.SkippedClick();
                continue;
            }

            await pacer.WaitAsync(cancellationToken);
            var recommendation = await PostAsync("/api/v1/recommend", new { session_id = sessionId, k = options.K }, cancellationToken);
            if (recommendation is { } rec)
            {
                var recommended = rec.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()!).ToArray();
                Stats.Prediction(Array.IndexOf(recommended, item), stored.Count, stored.Contains(item));
                options.Trace?.Recommendation(rec.GetProperty("strategy").GetString() ?? "", recommended, stored);
                await PostAsync("/api/v1/feedback", new
                {
                    session_id = sessionId,
                    recommendation_id = rec.GetProperty("recommendation_id").GetString(),
                    clicked_item = item,
                }, cancellationToken);
            }

            if (await PostAsync("/api/v1/click", new { session_id = sessionId, item_id = item }, cancellationToken) is not null)
            {
                stored.Add(item);
                options.Trace?.Click(item);
            }
        }
    }

    private async Task<JsonElement?> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.PostAsJsonAsync(path, body, cancellationToken);
            Stats.Request(response.IsSuccessStatusCode);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (HttpRequestException)
        {
            Stats.Request(false);
            return null;
        }
    }

    private async Task<bool> IsKnownAsync(string item, CancellationToken cancellationToken)
    {
        await _knownLock.WaitAsync(cancellationToken);
        try
        {
            if (!_known.TryGetValue(item, out bool known))
            {
                try
                {
                    using var response = await client.GetAsync($"/api/v1/items/{Uri.EscapeDataString(item)}", cancellationToken);
                    known = response.StatusCode != HttpStatusCode.NotFound;
                    _known[item] = known;
                }
                catch (HttpRequestException)
                {
                    Stats.Request(false);
                    return false; // not cached: the service may come back
                }
            }

            return known;
        }
        finally
        {
            _knownLock.Release();
        }
    }

    /// <summary>Spaces clicks evenly at the target rate across all workers.</summary>
    private sealed class Pacer(double perSecond)
    {
        private readonly object _lock = new();
        private readonly long _intervalTicks = perSecond > 0 ? (long)(TimeSpan.TicksPerSecond / perSecond) : 0;
        private long _nextTicks = DateTime.UtcNow.Ticks;

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            if (_intervalTicks == 0)
            {
                return Task.CompletedTask;
            }

            long due;
            lock (_lock)
            {
                long now = DateTime.UtcNow.Ticks;
                _nextTicks = Math.Max(_nextTicks, now - _intervalTicks) + _intervalTicks;
                due = _nextTicks;
            }

            var wait = TimeSpan.FromTicks(due - DateTime.UtcNow.Ticks);
            return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
        }
    }
}
