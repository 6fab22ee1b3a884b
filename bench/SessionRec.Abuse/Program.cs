using System.Globalization;
using SessionRec.Abuse;

// Bounded abuse traffic against a running SessionRec on loopback; see bench/abuse/run.sh, which starts the server.
//   SessionRec.Abuse main      URL PID   poisoning, forged feedback, memory, slow uploads, fuzz
//   SessionRec.Abuse maxactive URL       200k invented sessions against a capped store
if (args.Length < 2 || !Uri.TryCreate(args[1], UriKind.Absolute, out var url) || !url.IsLoopback)
{
    Console.Error.WriteLine("usage: SessionRec.Abuse main|maxactive http://127.0.0.1:PORT [server-pid]");
    return 2;
}

var api = new Api(url);
switch (args[0])
{
    case "main":
        int pid = int.Parse(args[2], CultureInfo.InvariantCulture);
        await Probes.PoisoningAsync(api);
        await Probes.ForgedFeedbackAsync(api);
        await Probes.MemoryAsync(api, pid);
        await Probes.SlowUploadsAsync(api, url);
        await Probes.FuzzAsync(api);
        return 0;
    case "maxactive":
        await Probes.MaxActiveAsync(api);
        return 0;
    default:
        Console.Error.WriteLine($"unknown phase {args[0]}");
        return 2;
}
