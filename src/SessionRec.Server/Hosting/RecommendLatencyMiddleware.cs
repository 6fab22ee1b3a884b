using System.Diagnostics;
using SessionRec.Core.Metrics;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Times whole /recommend requests (body parsing, model, serialisation) for the online latency quantiles; only
/// successful ones, so fast rejections of bad input do not flatter the figures.
/// </summary>
public sealed class RecommendLatencyMiddleware(RequestDelegate next, OnlineMetrics metrics)
{
    public const string Path = "/api/v1/recommend";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        long started = Stopwatch.GetTimestamp();
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            metrics.RecommendLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
