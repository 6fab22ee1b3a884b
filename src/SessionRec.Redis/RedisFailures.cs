using SessionRec.Core.Sessions;
using StackExchange.Redis;

namespace SessionRec.Redis;

/// <summary>Which Redis failures mean "the store is unavailable right now" rather than a bug in this code.</summary>
internal static class RedisFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Kind is
            RedisErrorKind.ConnectionFault or RedisErrorKind.Timeout or RedisErrorKind.Loading or RedisErrorKind.ClusterDown
            or RedisErrorKind.MasterDown or RedisErrorKind.TryAgain or RedisErrorKind.NoReplicas or RedisErrorKind.OutOfMemory
            or RedisErrorKind.Busy or RedisErrorKind.MaxClients or RedisErrorKind.ReadOnly or RedisErrorKind.UnknownRedirectTarget
            or RedisErrorKind.NoAuth or RedisErrorKind.WrongPass,
        _ => false,
    };

    public static SessionStoreUnavailableException Unavailable(Exception cause) =>
        new($"The Redis session store is unavailable ({cause.GetType().Name}).", cause);

    /// <summary>Awaits a Redis call without a result for at most <paramref name="timeout"/>, as <see cref="Guard{T}"/>.</summary>
    public static async Task Guard(Task operation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await operation.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Awaits a Redis call for at most <paramref name="timeout"/>, turning outages into the store's exception.</summary>
    public static async Task<T> Guard<T>(Task<T> operation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await operation.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }
}
