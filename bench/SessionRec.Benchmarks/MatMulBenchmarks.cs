using BenchmarkDotNet.Attributes;
using SessionRec.Tensors;

namespace SessionRec.Benchmarks;

/// <summary>Engine GEMM against OpenBLAS cblas_sgemm on the training shapes, at 1 and 2 threads.</summary>
[BenchmarkDotNet.Attributes.Config(typeof(GflopsConfig))]
public class MatMulBenchmarks
{
    private GemmData data = null!;

    public static IEnumerable<GemmShape> Shapes => GemmShape.Training;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.Training[0];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        data = GemmData.Create(Shape);
        TensorEngine.ThreadCount = Threads;
        OpenBlas.SetThreads(Threads);
    }

    [Benchmark(Baseline = true)]
    public void OpenBlasSgemm() => data.RunOpenBlas();

    [Benchmark]
    public void EngineGemm() => data.RunOurs();
}
