using BenchmarkDotNet.Running;
using SessionRec.Benchmarks;

if (args.Length > 0 && args[0] == "--quick")
{
    QuickGemmReport.Run(args.Length > 1 ? [.. args[1].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))] : [1, 2], args.Length > 2 ? args[2] : null);
    return;
}

if (args.Length > 0 && args[0] == "--step")
{
    TrainStepReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2);
    return;
}

if (args.Length > 0 && args[0] == "--session-memory")
{
    SessionRec.Benchmarks.Serving.SessionMemoryReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
    return;
}

if (args.Length > 0 && args[0] == "--limiter-memory")
{
    SessionRec.Benchmarks.Serving.SessionLimiterMemoryReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MatMulBenchmarks).Assembly).Run(args);
