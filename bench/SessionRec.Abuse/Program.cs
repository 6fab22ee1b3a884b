using System.Globalization;
using SessionRec.Abuse;

// Bounded abuse traffic against a running SessionRec on loopback; see bench/abuse/run.sh, which starts the server
// three times and says with which settings:
//   SessionRec.Abuse defaults URL       shipped defaults: poisoning, sybil rounds, forged feedback, one client's flood
//   SessionRec.Abuse lifted   URL PID   rate limits lifted (one address stands in for many clients): poisoning,
//                                       forged feedback, memory, slow uploads, fuzz
//   SessionRec.Abuse ledger   URL       rate limits, learning budget and item ledger off, Sessions:MaxActive=50000: poisoning, the cap
//   SessionRec.Abuse memory   URL PID   the memory probe alone
if (args.Length < 2 || !Uri.TryCreate(args[1], UriKind.Absolute, out var url) || !url.IsLoopback)
{
    Console.Error.WriteLine("usage: SessionRec.Abuse defaults|lifted|ledger|memory http://127.0.0.1:PORT [server-pid]");
    return 2;
}

var api = new Api(url);
switch (args[0])
{
    case "defaults":
        const string defaults = "shipped defaults";
        await Probes.PoisoningAsync(api, defaults);
        await Probes.SybilAsync(api, defaults);
        await Probes.ForgedFeedbackAsync(api, defaults);
        await FloodProbe.RunAsync(api, permitsPerSecond: 200, burst: 400, TimeSpan.FromSeconds(5));
        return 0;
    case "lifted":
        const string lifted = "rate limits lifted; per-session ledger, per-address learning budget and item ledger remain";
        int pid = int.Parse(args[2], CultureInfo.InvariantCulture);
        await Probes.PoisoningAsync(api, lifted);
        await Probes.ForgedFeedbackAsync(api, lifted);
        await Probes.MemoryAsync(api, pid);
        await Probes.SlowUploadsAsync(api, url);
        await Probes.FuzzAsync(api);
        return 0;
    case "memory":   // the memory probe alone, for comparing server settings (e.g. DOTNET_gcServer=0) by hand
        await Probes.MemoryAsync(api, int.Parse(args[2], CultureInfo.InvariantCulture));
        return 0;
    case "ledger":
        await Probes.PoisoningAsync(api, "rate limits lifted, per-address learning budget and item ledger off; the per-session ledger alone");
        await Probes.MaxActiveAsync(api);
        return 0;
    default:
        Console.Error.WriteLine($"unknown phase {args[0]}");
        return 2;
}
