using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SessionRec.Core.Telemetry;

/// <summary>
/// The service's OpenTelemetry-compatible instruments (BCL <see cref="Meter"/> and <see cref="ActivitySource"/>, so
/// Core needs no OpenTelemetry package; the server exports them). Tags never carry session ids.
/// </summary>
public static class SessionRecTelemetry
{
    public const string Name = "SessionRec";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Recommendations = Meter.CreateCounter<long>(
        "sessionrec.recommendations", "{recommendation}", "Recommendations served, by strategy (model or coldstart).");

    public static readonly Counter<long> ColdStartDecisions = Meter.CreateCounter<long>(
        "sessionrec.coldstart.decisions", "{decision}", "Cold-start decisions, by reason.");

    public static readonly Counter<long> Clicks = Meter.CreateCounter<long>("sessionrec.clicks", "{click}", "Clicks stored.");

    public static readonly Counter<long> Feedback = Meter.CreateCounter<long>("sessionrec.feedback", "{feedback}", "Feedback requests accepted.");

    public static readonly Counter<long> Resolved = Meter.CreateCounter<long>(
        "sessionrec.recommendations.resolved", "{recommendation}", "Recommendations resolved, by hit (true/false).");

    public static readonly Histogram<double> RecommendDuration = Meter.CreateHistogram<double>(
        "sessionrec.recommend.duration", "ms", "Whole /recommend request time, by strategy.");

    public static readonly Histogram<double> SessionStoreDuration = Meter.CreateHistogram<double>(
        "sessionrec.session_store.duration", "ms", "Session store call time, by operation.");

    public static readonly Histogram<double> ModelDuration = Meter.CreateHistogram<double>(
        "sessionrec.model.duration", "ms", "Model ranking time (encoder and item index).");

    private static Func<long>? s_pendingRecommendations;

    /// <summary>Served records awaiting a click or feedback, as the in-process store counts them.</summary>
    public static readonly ObservableGauge<long> PendingRecommendations = Meter.CreateObservableGauge(
        "sessionrec.recommendations.pending", () => Volatile.Read(ref s_pendingRecommendations)?.Invoke() ?? 0, "{recommendation}",
        "Served recommendations awaiting a click or feedback (in-process store).");

    /// <summary>Where the pending gauge reads from: the process's in-memory served store.</summary>
    public static void ObservePendingRecommendations(Func<long> read) => Volatile.Write(ref s_pendingRecommendations, read);

    public static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
