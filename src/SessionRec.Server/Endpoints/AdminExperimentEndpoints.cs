using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Experiments;
using SessionRec.Server.Contracts;
using SessionRec.Server.Hosting;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class AdminExperimentEndpoints
{
    public static RouteGroupBuilder MapAdminExperimentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/experiments/weight", Reweight)
            .WithName("ReweightArm")
            .WithSummary("Gives one experiment arm a share of sessions (percent) without a restart; the other arms keep their ratios and share the rest.")
            .AcceptsJson<ArmWeightRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    internal static async Task<Ok<IReadOnlyList<ArmMetricsResponse>>> Reweight(HttpRequest request, ExperimentArms experiments, CancellationToken cancellationToken)
    {
        string armName;
        int percent;
        using (var body = await JsonBody.ReadAsync(request, cancellationToken))
        {
            armName = body.RequiredId("arm");
            percent = body.OptionalInt("percent", 0, 100) ?? throw new RequestProblem("percent", "'percent' is required.");
        }

        if (!experiments.Active)
        {
            throw new RequestProblem(null, "No experiment is configured (Experiments:Arms).", StatusCodes.Status409Conflict);
        }

        var arm = experiments.Find(armName) ?? throw new RequestProblem("arm", $"There is no arm '{armName}'.");
        experiments.Reweight(Split(experiments, arm, percent / 100.0));
        return TypedResults.Ok(ArmMetricsResponse.From(experiments)!);
    }

    /// <summary>The arm gets <paramref name="share"/>; the others keep their ratios (equal parts if all were 0).</summary>
    private static double[] Split(ExperimentArms experiments, ExperimentArm arm, double share)
    {
        var current = experiments.Weights;
        var arms = experiments.Arms;
        double others = current.Where((_, i) => arms[i] != arm).Sum();
        int otherCount = arms.Count - 1;
        if (share < 1 && otherCount == 0)
        {
            throw new RequestProblem("percent", "The only arm must have 100 percent.");
        }

        return [.. arms.Select((a, i) => a == arm ? share
            : others > 0 ? (1 - share) * current[i] / others
            : (1 - share) / otherCount)];
    }
}

/// <summary>Gives arm <c>arm</c> <c>percent</c> (0..100) of sessions; the other arms share the rest in their current ratio.</summary>
public sealed record ArmWeightRequest(string Arm, int Percent);
