using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SessionRec.Abuse;

/// <summary>One client floods /recommend (a fresh session each call, so only the per-address limit applies).</summary>
internal static class FloodProbe
{
    public static async Task RunAsync(Api api, int permitsPerSecond, int burst, TimeSpan duration)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.0 * burst / permitsPerSecond + 1)); // let the bucket fill after earlier probes
        int accepted = 0, limited = 0, other = 0, withRetryAfter = 0, asProblem = 0;
        var acceptedPerSecond = new int[(int)Math.Ceiling(duration.TotalSeconds) + 2];
        long started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, 32, async (worker, _) =>
        {
            for (int i = 0; Stopwatch.GetElapsedTime(started) < duration; i++)
            {
                using var response = await api.PostAsync("/api/v1/recommend", new { session_id = $"flood-{worker}-{i}", k = 10 });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref accepted);
                    Interlocked.Increment(ref acceptedPerSecond[Math.Min(acceptedPerSecond.Length - 1, (int)Stopwatch.GetElapsedTime(started).TotalSeconds)]);
                }
                else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref limited);
                    if (response.Headers.RetryAfter?.Delta is not null)
                    {
                        Interlocked.Increment(ref withRetryAfter);
                    }

                    if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
                    {
                        Interlocked.Increment(ref asProblem);
                    }
                }
                else
                {
                    Interlocked.Increment(ref other);
                }
            }
        });

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        int total = accepted + limited + other;
        // The bucket starts full and gains PermitsPerSecond once a second, so a window of T seconds sees at most
        // floor(T) + 1 refills; requests still in flight when the window closes are counted too.
        int allowed = burst + permitsPerSecond * ((int)Math.Floor(seconds) + 1);
        int[] perSecond = acceptedPerSecond[..(int)Math.Ceiling(seconds)];
        double sustained = perSecond.Length > 2 ? perSecond[1..^1].Average() : double.NaN;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rate limit (shipped defaults: {permitsPerSecond}/s per address, burst {burst}): one client, 32 connections, {seconds:F1} s of /recommend: {total:N0} requests ({total / seconds:N0}/s), {accepted:N0} accepted, {100.0 * limited / Math.Max(1, total):F1} % answered 429 ({withRetryAfter:N0} with Retry-After, {asProblem:N0} as problem+json), {other} other; accepted per second {string.Join(" / ", perSecond)} (the first holds the burst), {sustained:N0}/s once the burst is spent (goal <= {permitsPerSecond}/s; at most {allowed:N0} in all)"));
    }
}
