using System.Text.Json.Serialization;
using SessionRec.Core.Experiments;

namespace SessionRec.Server.Contracts;

/// <summary>
/// One experiment arm's live figures on this replica: its share of sessions, the model it serves, its /recommend
/// requests and cold-start share, Hit Rate@10 (percent) on its resolved recommendations (and on those its model made,
/// leaving out cold starts: the predictions offline evaluation makes), latency quantiles over the
/// sliding window, and (for every arm but the control) its hit-rate difference from the control in points with a 95 %
/// confidence interval.
/// </summary>
public sealed record ArmMetricsResponse(
    string Name,
    double Weight,
    string Model,
    string? ModelVersion,
    long Requests,
    long ColdstartRequests,
    double ColdstartPercentage,
    long ResolvedRecommendations,
    long Hits,
    [property: JsonPropertyName("hit_rate_at_10")] double HitRateAt10,
    long ModelResolvedRecommendations,
    [property: JsonPropertyName("model_hit_rate_at_10")] double ModelHitRateAt10,
    double P50LatencyMs,
    double P99LatencyMs,
    HitRateDifferenceResponse? VsControl)
{
    public static IReadOnlyList<ArmMetricsResponse>? From(ExperimentArms experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        if (experiments.Control is not { } control)
        {
            return null;
        }

        var weights = experiments.Weights;
        return [.. experiments.Arms.Select((arm, i) =>
        {
            var s = arm.Stats;
            long requests = s.Requests, cold = s.ColdStarts, resolved = s.Resolved, hits = s.Hits;
            long modelResolved = s.ModelResolved, modelHits = s.ModelHits;
            var latency = s.Latency.Summarize();
            var current = arm.Slot.Current;
            var difference = i == 0 ? null : HitRateDifference.Between(control.Name, control.Stats.Hits, control.Stats.Resolved, hits, resolved);
            return new ArmMetricsResponse(
                arm.Name,
                Math.Round(weights[i], 4),
                current?.Model.Name ?? "none",
                current?.Version,
                requests,
                cold,
                requests == 0 ? 0 : Math.Round(100.0 * cold / requests, 4),
                resolved,
                hits,
                resolved == 0 ? 0 : Math.Round(100.0 * hits / resolved, 4),
                modelResolved,
                modelResolved == 0 ? 0 : Math.Round(100.0 * modelHits / modelResolved, 4),
                Math.Round(latency.P50Ms, 4),
                Math.Round(latency.P99Ms, 4),
                difference is null ? null : HitRateDifferenceResponse.From(difference));
        })];
    }
}

/// <summary>Hit Rate@10 of an arm minus the control's, in percentage points, with its 95 % confidence interval;
/// <c>significant</c> when the interval excludes 0.</summary>
public sealed record HitRateDifferenceResponse(string Control, double DifferencePoints, double Ci95Low, double Ci95High, bool Significant)
{
    public static HitRateDifferenceResponse From(HitRateDifference d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new HitRateDifferenceResponse(d.Control, Math.Round(100 * d.Difference, 3), Math.Round(100 * d.Low, 3), Math.Round(100 * d.High, 3), d.Significant);
    }
}
