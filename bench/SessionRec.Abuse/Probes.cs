using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SessionRec.Abuse;

/// <summary>Each probe sends a bounded amount of traffic and prints one line per figure.</summary>
internal static class Probes
{
    private const int DemoItems = 1200;

    private static void Report(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line}"));

    /// <summary>
    /// One session clicks one item no new visitor was shown, 3,000 times as fast as it can (no retries: what the limits
    /// refuse is refused); then 500 new visitors ask. <paramref name="defences"/> says what the server was started with.
    /// </summary>
    public static async Task PoisoningAsync(Api api, string defences)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 200; i++)
        {
            seen.UnionWith(await api.RecommendAsync($"baseline-{Guid.NewGuid():N}"));
        }

        string target = Enumerable.Range(1, DemoItems).Reverse().Select(Api.Item).First(id => !seen.Contains(id));
        string poisoner = $"poisoner-{Guid.NewGuid():N}";
        int accepted = 0, limited = 0;
        for (int i = 0; i < 3_000; i++)
        {
            var status = await api.ClickAsync(poisoner, target);
            accepted += status == HttpStatusCode.OK ? 1 : 0;
            limited += status == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        await Task.Delay(1_200); // trending lists refresh once a second
        int containing = 0;
        for (int i = 0; i < 500; i++)
        {
            containing += (await api.RecommendAsync($"visitor-{Guid.NewGuid():N}")).Contains(target) ? 1 : 0;
        }

        Report($"poisoning ({defences}): 3,000 clicks of one session on {target}: {accepted:N0} accepted, {limited:N0} answered 429; it is in {100.0 * containing / 500:F1} % of 500 new visitors' slates (goal <= 10 %)");
    }

    /// <summary>
    /// 1,500 rounds of "new session, recommend, click the target" from one address, pacing itself to the rate limits
    /// (every 429 retried after its Retry-After), against one item of the cold-start candidates; then 500 new visitors ask.
    /// </summary>
    public static async Task SybilAsync(Api api, string defences)
    {
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < 300; i++)
        {
            string[] slate = await api.RecommendAsync($"sybil-baseline-{Guid.NewGuid():N}");
            foreach (string item in slate)
            {
                shown[item] = shown.GetValueOrDefault(item) + 1;
            }

            first[slate[0]] = first.GetValueOrDefault(slate[0]) + 1;
        }

        // The least shown of the items the bandit samples over: a real candidate that visitors rarely see.
        string target = shown.OrderBy(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
        double shownBefore = 100.0 * shown[target] / 300, firstBefore = 100.0 * first.GetValueOrDefault(target) / 300;
        long started = Stopwatch.GetTimestamp();
        int clicked = 0;
        for (int i = 0; i < 1_500; i++)
        {
            string sybil = $"sybil-{Guid.NewGuid():N}";
            await api.RecommendAsync(sybil);
            clicked += await api.ClickPatientlyAsync(sybil, target) == HttpStatusCode.OK ? 1 : 0;
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.Delay(1_200);
        int containing = 0, leading = 0;
        for (int i = 0; i < 500; i++)
        {
            string[] slate = await api.RecommendAsync($"visitor-{Guid.NewGuid():N}");
            containing += slate.Contains(target) ? 1 : 0;
            leading += slate.Length > 0 && slate[0] == target ? 1 : 0;
        }

        Report($"sybil ({defences}): 1,500 rounds of new session -> recommend -> click {target} ({clicked:N0} clicks accepted, {seconds:F0} s paced by the limits): first in {firstBefore:F1} % -> {100.0 * leading / 500:F1} % of new slates, shown in {shownBefore:F1} % -> {100.0 * containing / 500:F1} % (before: 300 slates, after: 500; goal: no single client steers the bandit; before issue 10: first in 100 %)");
    }

    /// <summary>500 feedback calls in the seed's form, for sessions never served anything.</summary>
    public static async Task ForgedFeedbackAsync(Api api, string defences)
    {
        var before = await api.MetricsAsync();
        var counts = new Dictionary<int, int>();
        await Api.ManyAsync(500, 8, async i =>
        {
            using var response = await api.PostAsync("/api/v1/feedback", new { session_id = $"forger-{Guid.NewGuid():N}", recommended_items = new[] { "P00001", "P00002" }, clicked_item = "P00001" });
            lock (counts)
            {
                counts[(int)response.StatusCode] = counts.GetValueOrDefault((int)response.StatusCode) + 1;
            }
        });
        string statuses = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} answered {c.Key}"));
        var after = await api.MetricsAsync();
        double movement = after.GetProperty("hit_rate_at_10").GetDouble() - before.GetProperty("hit_rate_at_10").GetDouble();
        long resolved = after.GetProperty("resolved_recommendations").GetInt64() - before.GetProperty("resolved_recommendations").GetInt64();
        Report($"forged feedback ({defences}): {statuses} of 500 calls; they moved Hit Rate@10 by {movement:+0.00;-0.00;0.00} points and resolved {resolved} recommendations (goal 0)");
    }

    /// <summary>Resident memory growth for 200,000 invented one-click sessions, then 200,000 k=100 recommendations.</summary>
    public static async Task MemoryAsync(Api api, int pid)
    {
        long start = RssKiB(pid);
        await Api.ManyAsync(200_000, 16, async i => await api.ClickAsync($"invented-{i}", Api.Item(1 + (i % DemoItems))));
        await Task.Delay(2_000);
        long afterClicks = RssKiB(pid);
        // Idle per-session rate-limit partitions are dropped after 10 s, and the GC may hand memory back once quiet.
        await Task.Delay(15_000);
        long quietClicks = RssKiB(pid);
        Report($"memory: 200,000 invented one-click sessions grew RSS by {(afterClicks - start) / 1024.0:F0} MB 2 s after the last click, {(quietClicks - start) / 1024.0:F0} MB after 15 s more (goal <= 120 MB); active_sessions {(await api.MetricsAsync()).GetProperty("active_sessions").GetInt64():N0}");

        await Api.ManyAsync(200_000, 16, async i => await api.RecommendAsync($"never-clicked-{i}", 100));
        await Task.Delay(2_000);
        long afterRecommends = RssKiB(pid);
        await Task.Delay(15_000);
        long quietRecommends = RssKiB(pid);
        var metrics = await api.MetricsAsync();
        string pending = metrics.TryGetProperty("pending_recommendations", out var p) ? p.ToString() : "n/a";
        Report($"memory: then 200,000 k=100 recommendations for ids that never clicked grew RSS by {(afterRecommends - quietClicks) / 1024.0:F0} MB more 2 s after the last one, {(quietRecommends - quietClicks) / 1024.0:F0} MB after 15 s more; pending_recommendations {pending}");
    }

    /// <summary>Client-side p99 of /recommend alone, then with 40 uploads trickling their bodies over 4 s.</summary>
    public static async Task SlowUploadsAsync(Api api, Uri url)
    {
        double quiet = await RecommendP99Async(api, "quiet");
        double reportedBefore = (await api.MetricsAsync()).GetProperty("p99_latency_ms").GetDouble();
        var slow = Enumerable.Range(0, 40).Select(i => TrickleAsync(url, i)).ToArray();
        double busy = await RecommendP99Async(api, "busy");
        int[] statuses = await Task.WhenAll(slow);
        double reportedAfter = (await api.MetricsAsync()).GetProperty("p99_latency_ms").GetDouble();
        Report($"slow uploads: client p99 of 1,000 /recommend {quiet:F2} ms alone, {busy:F2} ms with 40 slow uploads running ({statuses.Count(s => s == 200)} of 40 slow /recommend uploads answered 200); service-reported /recommend p99 {reportedBefore:F2} -> {reportedAfter:F2} ms");
    }

    /// <summary>At least 10,000 generated bodies, invalid Unicode included, against click, recommend and feedback.</summary>
    public static async Task FuzzAsync(Api api)
    {
        string[] paths = ["/api/v1/click", "/api/v1/recommend", "/api/v1/feedback"];
        string[] fragments =
        [
            "{", "}", "[", "]", ":", ",", "\"session_id\"", "\"item_id\"", "\"k\"", "\"recommendation_id\"", "\"recommended_items\"",
            "\"clicked_item\"", "\"event_id\"", "\"s\"", "\"P00001\"", "null", "1", "-1", "1e400", "true", "\"\\u0000\"", "\"\\ud800\"",
            "\"\\udc00x\"", "\"\\ud83d\\ude00\"", " ", "\"" + new string('x', 200) + "\"",
        ];
        var random = new Random(10);
        int fivexx = 0, total = 0;
        var counts = new Dictionary<int, int>();
        await Api.ManyAsync(12_000, 8, async i =>
        {
            byte[] body;
            lock (random)
            {
                body = Body(random, fragments, i);
            }

            using var response = await api.PostRawAsync(paths[i % paths.Length], body);
            int status = (int)response.StatusCode;
            lock (counts)
            {
                total++;
                counts[status] = counts.GetValueOrDefault(status) + 1;
                fivexx += status >= 500 ? 1 : 0;
            }
        });
        Report($"fuzz: {total:N0} generated bodies (a third with invalid UTF-8 or lone surrogates): {fivexx} answered 5xx (goal 0); statuses {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}x{c.Value}"))}");
    }

    /// <summary>200,000 invented sessions against a store capped by Sessions__MaxActive.</summary>
    public static async Task MaxActiveAsync(Api api)
    {
        await Api.ManyAsync(200_000, 16, async i => await api.ClickAsync($"capped-{i}", Api.Item(1 + (i % DemoItems))));
        Report($"max active: after 200,000 invented sessions with Sessions__MaxActive=50000, active_sessions is {(await api.MetricsAsync()).GetProperty("active_sessions").GetInt64():N0} (goal <= 50,000)");
    }

    private static byte[] Body(Random random, string[] fragments, int i)
    {
        var text = new StringBuilder();
        if (i % 3 == 0)
        {
            // Well-formed JSON around a hostile string value.
            string[] hostile = ["\\ud800", "\\udfff", "a\\ud800b", "\\ud800\\ud800"];
            text.Append(CultureInfo.InvariantCulture, $"{{\"session_id\":\"{hostile[random.Next(hostile.Length)]}\",\"item_id\":\"P00001\",\"recommended_items\":[\"P00001\"],\"k\":5}}");
        }
        else
        {
            int n = random.Next(1, 14);
            for (int f = 0; f < n; f++)
            {
                text.Append(fragments[random.Next(fragments.Length)]);
            }
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (i % 3 == 1 && bytes.Length > 2)
        {
            // Raw invalid UTF-8 inside the body: a lone continuation byte, an overlong lead, a truncated sequence.
            byte[][] bad = [[0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xFF]];
            var b = bad[random.Next(bad.Length)];
            int at = random.Next(1, bytes.Length - 1);
            bytes = [.. bytes[..at], .. b, .. bytes[at..]];
        }

        return bytes;
    }

    private static async Task<double> RecommendP99Async(Api api, string prefix)
    {
        var times = new double[1_000];
        for (int i = 0; i < times.Length; i++)
        {
            long started = Stopwatch.GetTimestamp();
            await api.RecommendAsync($"{prefix}-{i % 50}");
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[(int)Math.Ceiling(0.99 * times.Length) - 1];
    }

    /// <summary>One /recommend POST whose body arrives in pieces over about 4 s; returns the status code.</summary>
    private static async Task<int> TrickleAsync(Uri url, int i)
    {
        byte[] body = Encoding.UTF8.GetBytes($"{{\"session_id\":\"slow-{i}\",\"k\":10}}");
        using var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port);
        var stream = client.GetStream();
        byte[] head = Encoding.ASCII.GetBytes($"POST /api/v1/recommend HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head);
        int pieces = 8;
        for (int p = 0; p < pieces; p++)
        {
            int from = body.Length * p / pieces, to = body.Length * (p + 1) / pieces;
            await stream.WriteAsync(body.AsMemory(from, to - from));
            await Task.Delay(500);
        }

        var reply = new byte[64];
        int read = await stream.ReadAsync(reply);
        string status = Encoding.ASCII.GetString(reply, 0, read);
        return status.Length >= 12 && int.TryParse(status.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int code) ? code : 0;
    }

    private static long RssKiB(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }
}
