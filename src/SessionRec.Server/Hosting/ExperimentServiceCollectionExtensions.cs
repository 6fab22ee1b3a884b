using Microsoft.Extensions.Options;
using SessionRec.Core.Experiments;
using SessionRec.Core.Serving;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Hosting;

public static class ExperimentServiceCollectionExtensions
{
    /// <summary>
    /// The A/B arms of <c>Experiments:Arms</c> (validated at start), or <see cref="ExperimentArms.None"/>. The first
    /// arm serves from the service's own <see cref="ModelSlot"/>, so health and <c>/api/v1/model</c> describe the
    /// control; every other arm has a slot of its own.
    /// </summary>
    public static IServiceCollection AddSessionRecExperiments(this IServiceCollection services)
    {
        services.AddOptions<ExperimentOptions>()
            .BindConfiguration(ExperimentOptions.SectionName)
            .Validate(o => o.Problem() is null, "Experiments:Arms are invalid: each needs a distinct Name, a Model:Path and a Weight ≥ 0, one of them positive.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var arms = sp.GetRequiredService<IOptions<ExperimentOptions>>().Value.Arms;
            if (arms.Count == 0)
            {
                return ExperimentArms.None;
            }

            var time = sp.GetRequiredService<TimeProvider>();
            var window = sp.GetRequiredService<IOptions<MetricsOptions>>().Value.LatencyWindow;
            var control = sp.GetRequiredService<ModelSlot>();
            return new ExperimentArms(
                [.. arms.Select((a, i) => new ExperimentArm(a.Name, i == 0 ? control : new ModelSlot(), a.Model.Path!, new ArmStats(time, window)))],
                [.. arms.Select(a => a.Weight)]);
        });
        return services;
    }
}
