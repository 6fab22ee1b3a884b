using System.Diagnostics;
using SessionRec.Core.Experiments;
using SessionRec.Core.Metrics;
using SessionRec.Core.Telemetry;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Times /recommend requests from the moment their body has arrived (parsing, model, serialisation; not the upload,
/// so a client on a slow link cannot inflate the figures) for the online latency quantiles; only successful ones, so
/// fast rejections of bad input do not flatter them, and not the service's own start-up warm-up call.
/// </summary>
public sealed class RecommendLatencyMiddleware(RequestDelegate next, OnlineMetrics metrics, ExperimentArms experiments)
{
    public const string Path = "/api/v1/recommend";

    /// <summary>HttpContext.Items key under which the endpoint leaves the strategy it used, for the histogram's tag.</summary>
    public const string StrategyKey = "sessionrec.strategy";

    /// <summary>HttpContext.Items key of the experiment arm that served, for its own latency window.</summary>
    public const string ArmKey = "sessionrec.arm";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        await next(context);
        bool warmup = context.Request.Headers[RecommendWarmup.Header] == RecommendWarmup.Token;
        if (!warmup && context.Response.StatusCode == StatusCodes.Status200OK && context.Items[JsonBody.ReadAtKey] is long started)
        {
            double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            metrics.RecommendLatency.Record(ms);
            var strategy = SessionRecTelemetry.Tag("strategy", context.Items[StrategyKey] as string ?? "unknown");
            if (experiments.Find(context.Items[ArmKey] as string) is { } arm)
            {
                arm.Stats.Latency.Record(ms);
                SessionRecTelemetry.RecommendDuration.Record(ms, strategy, SessionRecTelemetry.Tag("arm", arm.Name));
            }
            else
            {
                SessionRecTelemetry.RecommendDuration.Record(ms, strategy);
            }
        }
    }
}
