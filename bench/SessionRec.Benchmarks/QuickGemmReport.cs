using System.Diagnostics;
using SessionRec.Tensors;

namespace SessionRec.Benchmarks;

/// <summary>
/// A fast Stopwatch table (best of several timed runs) for tuning; the BenchmarkDotNet run is the careful measurement.
/// </summary>
public static class QuickGemmReport
{
    private const int Rounds = 3;

    public static void Run(int[] threadCounts, string? filter = null)
    {
        Console.WriteLine($"OpenBLAS core: {OpenBlas.CoreName ?? "not loaded"}; best of {Rounds} interleaved rounds; " +
            $"1 thread timed by {(UseCpuTime ? "thread CPU time" : "wall clock")}, 2 threads by wall clock");
        Console.WriteLine($"{"shape",-32} {"thr",3} {"ours GF/s",10} {"OpenBLAS",10} {"ratio",6} {"max|diff|",10}");
        foreach (var shape in GemmShape.Training.Where(s => filter is null || s.Name.StartsWith(filter, StringComparison.Ordinal)))
        {
            var data = GemmData.Create(shape);
            foreach (int threads in threadCounts)
            {
                TensorEngine.ThreadCount = threads;
                OpenBlas.SetThreads(threads);
                double ours = 0, blas = OpenBlas.IsAvailable ? 0 : double.NaN;
                for (int round = 0; round < Rounds; round++)
                {
                    // Interleaved rounds, best of each: the cores are shared, so the maximum is the least disturbed.
                    ours = Math.Max(ours, Measure(shape, () => data.RunOurs()));
                    if (OpenBlas.IsAvailable)
                    {
                        blas = Math.Max(blas, Measure(shape, () => data.RunOpenBlas()));
                    }
                }

                double diff = OpenBlas.IsAvailable ? data.MaxDifference() : double.NaN;
                Console.WriteLine($"{shape.Name,-32} {threads,3} {ours,10:F1} {blas,10:F1} {ours / blas,6:F2} {diff,10:G3}");
            }
        }
    }

    private static double Measure(GemmShape shape, Action run) =>
        TensorEngine.ThreadCount == 1 && UseCpuTime ? MeasureCpu(shape, run) : MeasureWall(shape, run);

    /// <summary>Single-threaded runs are timed by thread CPU time unless SR_WALL=1 (shared cores inflate wall time).</summary>
    private static bool UseCpuTime => Environment.GetEnvironmentVariable("SR_WALL") != "1";

    private static double MeasureCpu(GemmShape shape, Action run)
    {
        run();
        double best = double.MaxValue;
        for (int rep = 0; rep < 5; rep++)
        {
            double start = ThreadCpuClock.Seconds();
            int inner = 0;
            do
            {
                run();
                inner++;
            }
            while (ThreadCpuClock.Seconds() - start < 0.04);

            best = Math.Min(best, (ThreadCpuClock.Seconds() - start) / inner);
        }

        return shape.Flops / best / 1e9;
    }

    private static double MeasureWall(GemmShape shape, Action run)
    {
        run();
        double best = double.MaxValue;
        for (int rep = 0; rep < 5; rep++)
        {
            long start = Stopwatch.GetTimestamp();
            int inner = 0;
            do
            {
                run();
                inner++;
            }
            while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < 40);

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / inner);
        }

        return shape.Flops / best / 1e9;
    }
}
