using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Health;

/// <summary>
/// A probe of one component whose result is reused for <see cref="HealthOptions.CacheDuration"/> after it completes,
/// and shared by every caller while it runs, so any number of health requests costs a backend at most one probe per
/// period. Each probe gets <see cref="HealthOptions.ProbeTimeout"/>; a probe that throws or times out reports the
/// component unhealthy with a fixed reason (never the exception's text, which may name hosts or files).
/// </summary>
public abstract partial class CachedHealthCheck(TimeProvider time, IOptions<HealthOptions> options, ILogger logger) : IHealthCheck
{
    private readonly TimeSpan _cacheDuration = options.Value.CacheDuration;
    private readonly TimeSpan _timeout = options.Value.ProbeTimeout;
    private readonly object _lock = new();
    private Task<HealthCheckResult>? _probe;
    private object? _probedFor;
    private long _completedAt;
    private HealthStatus? _lastStatus;

    /// <summary>The component's name in health output.</summary>
    protected abstract string Component { get; }

    /// <summary>What the cached result describes (e.g. the served model): a different value probes again at once.</summary>
    protected virtual object? Subject => null;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var subject = Subject;
        Task<HealthCheckResult> probe;
        lock (_lock)
        {
            bool reusable = _probe is not null && Equals(_probedFor, subject)
                && (!_probe.IsCompleted || time.GetElapsedTime(Volatile.Read(ref _completedAt)) < _cacheDuration);
            if (!reusable)
            {
                _probedFor = subject;
                _probe = RunAsync();
            }

            probe = _probe!;
        }

        return probe.WaitAsync(cancellationToken);
    }

    /// <summary>Probes the component; <paramref name="cancellationToken"/> fires at the probe timeout.</summary>
    protected abstract Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken);

    private async Task<HealthCheckResult> RunAsync()
    {
        // Yield first: the probe must not run under the lock of the caller that started it.
        await Task.Yield();
        using var timeout = new CancellationTokenSource(_timeout, time);
        HealthCheckResult result;
        try
        {
            result = await ProbeAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            result = HealthCheckResult.Unhealthy($"no answer within {_timeout.TotalMilliseconds:F0} ms");
        }
        catch (Exception e)
        {
            result = HealthCheckResult.Unhealthy("the probe failed", e);
        }

        Volatile.Write(ref _completedAt, time.GetTimestamp());
        LogChange(result);
        return result;
    }

    /// <summary>Logs changes only: a health flood during an outage must not flood the log too.</summary>
    private void LogChange(HealthCheckResult result)
    {
        HealthStatus? previous;
        lock (_lock)
        {
            previous = _lastStatus;
            _lastStatus = result.Status;
        }

        if (previous == result.Status)
        {
            return;
        }

        if (result.Status == HealthStatus.Healthy)
        {
            LogHealthy(logger, Component);
        }
        else
        {
            LogNotHealthy(logger, result.Exception, Component, result.Status, result.Description);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health: {Component} is healthy.")]
    private static partial void LogHealthy(ILogger logger, string component);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health: {Component} is {Status}: {Reason}.")]
    private static partial void LogNotHealthy(ILogger logger, Exception? exception, string component, HealthStatus status, string? reason);
}
