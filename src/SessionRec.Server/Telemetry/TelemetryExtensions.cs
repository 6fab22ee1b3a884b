using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SessionRec.Core.Telemetry;

namespace SessionRec.Server.Telemetry;

public static class TelemetryExtensions
{
    private const string SessionsPrefix = "/api/v1/sessions/";

    /// <summary>
    /// Metrics (Prometheus scrape at /metrics) and traces through OpenTelemetry; OTLP export when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set. Request paths that carry a session id are reduced to their route template.
    /// </summary>
    public static IServiceCollection AddSessionRecTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("sessionrec"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SessionRecTelemetry.Name)
                // Sub-millisecond resolution: the defaults start at 5 (ms), coarser than a whole recommendation.
                .AddView("sessionrec.*.duration", new ExplicitBucketHistogramConfiguration { Boundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000] })
                .AddPrometheusExporter())
            .WithTracing(t => t
                .AddSource(SessionRecTelemetry.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics");
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        // Only DELETE carries an id in its path; POST /api/v1/sessions/delete keeps its own.
                        if (HttpMethods.IsDelete(request.Method) && request.Path.StartsWithSegments("/api/v1/sessions"))
                        {
                            activity.SetTag("url.path", SessionsPrefix + "{session_id}");
                            activity.DisplayName = $"{request.Method} {SessionsPrefix}{{session_id}}";
                        }
                    };
                }));
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return services;
    }
}
