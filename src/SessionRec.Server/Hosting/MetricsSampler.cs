using SessionRec.Core.Metrics;
using SessionRec.Core.Sessions;

namespace SessionRec.Server.Hosting;

/// <summary>Samples the live figures into <see cref="MetricsHistory"/> every interval, for the dashboard's charts.</summary>
public sealed partial class MetricsSampler(MetricsHistory history, ISessionStore sessions, TimeProvider time, ILogger<MetricsSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(history.Interval, time);
        try
        {
            do
            {
                try
                {
                    await history.SampleAsync(await sessions.CountActiveAsync(stoppingToken), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSampleFailed(logger, e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. A host that failed to start is disposed without being stopped, and would otherwise report
            // this cancellation as a crash of the service.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics sample failed ({Error}); the chart will have a gap.")]
    private static partial void LogSampleFailed(ILogger logger, string error);
}
