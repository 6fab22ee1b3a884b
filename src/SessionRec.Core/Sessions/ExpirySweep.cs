namespace SessionRec.Core.Sessions;

/// <summary>How often in-process stores reclaim expired entries.</summary>
internal static class ExpirySweep
{
    /// <summary>
    /// A quarter of the TTL, between one second and one minute: expired entries linger at most that long, and a long
    /// TTL does not leave memory unreclaimed for ages.
    /// </summary>
    public static TimeSpan PeriodFor(TimeSpan ttl) =>
        TimeSpan.FromTicks(Math.Clamp(ttl.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
}
