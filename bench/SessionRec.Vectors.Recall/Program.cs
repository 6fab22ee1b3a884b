using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Cloud.Unum.USearch;
using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;
using SessionRec.Vectors;
using SessionRec.Vectors.Recall;
using SessionRec.Vectors.USearch;

// Plain measurement (not BenchmarkDotNet): recall@10 of the USearch provider against the exact index, and
// single-threaded µs per query of both, on the same queries. Usage:
//   SessionRec.Vectors.Recall [--model DIR] [--data sequences.txt] [--queries N] [--synthetic [--items N]] [--grid] [--ab] [--probe]
var arguments = args.ToList();
string model = Option("--model") ?? "/tmp/sr-index/model";
string data = Option("--data") ?? "/work/shared/data/amazon-beauty.txt";
int count = int.Parse(Option("--queries") ?? "2000", CultureInfo.InvariantCulture);
const int K = 10;

var set = !arguments.Contains("--synthetic")
    && File.Exists(Path.Combine(model, "item_embeddings.npy")) && File.Exists(Path.Combine(model, "model.onnx")) && File.Exists(data)
    ? QuerySet.FromModel(model, data, count)
    : QuerySet.Synthetic(int.Parse(Option("--items") ?? "12101", CultureInfo.InvariantCulture), 64, count);
Console.WriteLine($"Data: {set.Source}");
Console.WriteLine($"Processors: {Environment.ProcessorCount}; mean |exclude| = {set.Excludes.Average(e => e.Length):F1}; K = {K}");

var exact = new ExactItemIndex(set.Embeddings, set.Dimension);
var truth = set.Queries.Select((q, i) => TopOf(exact, q, set.Excludes[i])).ToArray();
Console.WriteLine("µs/query: single thread, median of 5 passes; CPU = process CPU time per query (robust to other");
Console.WriteLine("processes sharing the cores), wall = elapsed. Exact is re-timed next to every row, under the same load.");
Console.WriteLine();
Console.WriteLine("| graph | M | EfConstruction | EfSearch | build s | recall@10 | USearch µs CPU / wall | exact µs CPU / wall | exact fallbacks |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");

int[][] grid = arguments.Contains("--grid")
    ? [[0, 16, 128, 64], [0, 32, 200, 256], [1, 16, 128, 64], [1, 16, 128, 128], [1, 16, 128, 256], [1, 16, 256, 192], [1, 32, 200, 128], [1, 32, 200, 256]]
    : [[1, 16, 128, 256]];
foreach (var g in grid)
{
    var options = new USearchIndexOptions { MipsTransform = g[0] == 1, M = g[1], EfConstruction = g[2], EfSearch = g[3] };
    var build = Stopwatch.StartNew();
    using var index = new USearchItemIndex(set.Embeddings, set.Dimension, options);
    double buildSeconds = build.Elapsed.TotalSeconds;
    double hits = 0;
    for (int i = 0; i < set.Queries.Length; i++)
    {
        var found = TopOf(index, set.Queries[i], set.Excludes[i]).Select(x => x.Index).ToHashSet();
        hits += truth[i].Count(x => found.Contains(x.Index)) / (double)Math.Max(1, truth[i].Length);
    }

    var (usearchCpu, usearchWall) = Time(index);
    var (exactCpu, exactWall) = Time(exact);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {(g[0] == 1 ? "L2 (MIPS transform)" : "inner product")} | {g[1]} | {g[2]} | {g[3]} | {buildSeconds:F2} | {hits / set.Queries.Length:F4} | {usearchCpu:F1} / {usearchWall:F1} | {exactCpu:F1} / {exactWall:F1} | {index.ExactFallbacks} |"));
}

if (arguments.Contains("--ab"))
{
    // The mutable exact index against its immutable predecessor, alternating passes so both see the same load.
    var baseline = new BaselineExactItemIndex(set.Embeddings, set.Dimension);
    for (int round = 0; round < 3; round++)
    {
        var (mutableCpu, _) = Time(exact);
        var (baselineCpu, _) = Time(baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exact µs CPU: mutable {mutableCpu:F1}, before (git HEAD) {baselineCpu:F1}"));
    }
}

if (arguments.Contains("--probe"))
{
    Probe(set);
}

return;

string? Option(string name)
{
    int i = arguments.IndexOf(name);
    return i >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : null;
}

ScoredItem[] TopOf(IItemIndex index, float[] query, int[] exclude)
{
    var top = new ScoredItem[K];
    int n = index.Search(query, exclude, top);
    return top[..n];
}

// Median of 5 passes over all queries after a warm-up pass, single thread: (CPU µs, wall µs) per query.
(double Cpu, double Wall) Time(IItemIndex index)
{
    var top = new ScoredItem[K];
    var cpu = new List<double>();
    var wall = new List<double>();
    using var process = Process.GetCurrentProcess();
    for (int pass = 0; pass < 6; pass++)
    {
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < set.Queries.Length; i++)
        {
            index.Search(set.Queries[i], set.Excludes[i], top);
        }

        watch.Stop();
        process.Refresh();
        if (pass > 0)
        {
            wall.Add(watch.Elapsed.TotalMicroseconds / set.Queries.Length);
            cpu.Add((process.TotalProcessorTime - cpuStart).TotalMicroseconds / set.Queries.Length);
        }
    }

    cpu.Sort();
    wall.Sort();
    return (cpu[cpu.Count / 2], wall[wall.Count / 2]);
}

// Shows why the provider bounds concurrency: the raw binding searched from many threads at once.
static void Probe(QuerySet set)
{
    using var raw = new USearchIndex(MetricKind.Ip, ScalarKind.Float32, (ulong)set.Dimension, 16, 128, 64);
    int rows = set.Embeddings.Length / set.Dimension;
    var keys = Enumerable.Range(1, rows - 1).Select(i => (ulong)i).ToArray();
    var vectors = Enumerable.Range(1, rows - 1).Select(i => set.Embeddings.AsSpan(i * set.Dimension, set.Dimension).ToArray()).ToArray();
    raw.Add(keys, vectors);
    var errors = new ConcurrentDictionary<string, int>();
    int failures = 0;
    Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
    {
        for (int i = 0; i < 500; i++)
        {
            try
            {
                raw.Search(set.Queries[(t * 500 + i) % set.Queries.Length], 10, out _, out _);
            }
            catch (USearchException e)
            {
                Interlocked.Increment(ref failures);
                errors.AddOrUpdate(e.Message, 1, (_, n) => n + 1);
            }
        }
    });
    Console.WriteLine();
    Console.WriteLine($"Probe: raw USearchIndex, 8 threads x 500 searches: {failures} threw; {string.Join("; ", errors.Select(e => $"'{e.Key}' x{e.Value}"))}");
}
