using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionRec.Training.Evaluation;

/// <summary>
/// The one JSON shape for evaluation figures, printed by <c>evaluate --json</c> and stored in manifests:
/// <c>{"protocol", "users" (leave-one-out) or "predictions" (next-item), "exclude_seen", "hr@K", "ndcg@K", "mrr@K",
/// "coverage@K"}</c> for each K.
/// </summary>
public static class EvaluationJson
{
    public static JsonObject ToJson(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = new JsonObject
        {
            ["protocol"] = result.Protocol.ToName(),
            [result.Protocol == EvaluationProtocol.LeaveOneOut ? "users" : "predictions"] = result.Predictions,
            ["exclude_seen"] = result.ExcludeSeen,
        };
        foreach (var m in result.Metrics)
        {
            string k = m.K.ToString(CultureInfo.InvariantCulture);
            json["hr@" + k] = Round(m.HitRate);
            json["ndcg@" + k] = Round(m.Ndcg);
            json["mrr@" + k] = Round(m.Mrr);
            json["coverage@" + k] = Round(m.Coverage);
        }

        return json;
    }

    // Six decimals are far below the noise of any of these figures and keep the output readable.
    private static double Round(double value) => Math.Round(value, 6);
}
