using Microsoft.Extensions.Options;
using SessionRec.Core.Sessions;
using SessionRec.Redis.Ended;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Hosting;

/// <summary>
/// With Redis sessions and online learning on: every <c>Knn:Online:SweepInterval</c> moves the sessions that ended
/// into the shared stream (any replica may; each session is claimed once) and feeds this replica's
/// <see cref="EndedSessionWindow"/> from the stream, so every replica learns from every replica's ended sessions.
/// In memory mode the store itself feeds the window and this does nothing.
/// </summary>
public sealed partial class RedisEndedSessionFeed(
    IOptions<SessionStoreOptions> store,
    IOptions<KnnOnlineOptions> online,
    EndedSessionWindow window,
    IServiceProvider services,
    TimeProvider time,
    ILogger<RedisEndedSessionFeed> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Value.Provider != "redis" || !window.Enabled)
        {
            return;
        }

        // Resolved here, not injected: memory mode must never build (or connect) the Redis side.
        var stream = services.GetRequiredService<RedisEndedSessionStream>();
        using var timer = new PeriodicTimer(online.Value.SweepInterval, time);
        bool failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await stream.SweepAsync(stoppingToken);
                foreach (var items in await stream.ReadNewAsync(stoppingToken))
                {
                    window.Offer(items);
                }

                failing = false;
            }
            catch (SessionStoreUnavailableException e)
            {
                // Once per outage, not once per tick; the next tick tries again and catches up from the stream.
                if (!failing)
                {
                    LogUnavailable(logger, e.InnerException?.GetType().Name ?? e.GetType().Name);
                }

                failing = true;
            }
        }
    }

    // The cause's type, not the stack: an outage is an operating condition, not a bug (as the metrics sampler logs it).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable ({Error}): ended sessions are not absorbed until it is back.")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
