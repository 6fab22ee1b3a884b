using System.Text.Json.Nodes;

namespace SessionRec.Cli.Simulation;

/// <summary>The figures of a simulation as one JSON object (<c>simulate --json</c>), for scripts.</summary>
public static class SimulationJson
{
    public static IEnumerable<(string Label, SimulationQuality Quality)> Groups(SimulationStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        yield return ("all", stats.All);
        yield return ("after_first_click", stats.AfterFirstClick);
        yield return ("after_one_click", stats.AfterOneClick);
        yield return ("repeat_targets", stats.RepeatTargets);
        yield return ("new_targets", stats.NewTargets);
    }

    public static JsonObject ToJson(SimulationStats stats, int k, int sessions)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var json = new JsonObject
        {
            ["k"] = k,
            ["sessions"] = stats.SessionsDone,
            ["sessions_total"] = sessions,
            ["requests"] = stats.Requests,
            ["errors"] = stats.Errors,
            ["skipped_clicks"] = stats.SkippedClicks,
        };
        foreach (var (label, q) in Groups(stats))
        {
            json[label] = new JsonObject
            {
                ["predictions"] = q.Predictions,
                [$"hr@{k}"] = q.HitRate,
                [$"mrr@{k}"] = q.Mrr,
            };
        }

        return json;
    }
}
