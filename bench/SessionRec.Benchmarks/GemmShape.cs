namespace SessionRec.Benchmarks;

/// <summary>A matmul shape that SASRec training runs, in <see cref="Tensors.Gemm.Multiply"/> convention.</summary>
public sealed record GemmShape(string Name, bool TransA, bool TransB, int M, int N, int K)
{
    /// <summary>The CLI's default width (SasrecTrainOptions) and Beauty's catalog plus padding.</summary>
    private const int D = 128, Rows = 2560, Items = 12102;

    /// <summary>The shapes of one 2560-position batch with d = 128 and a 12,101-item catalog.</summary>
    public static readonly GemmShape[] Training =
    [
        new($"proj  [{Rows}x{D}]*[{D}x{D}]", false, false, Rows, D, D),
        new($"score [{Rows}x{D}]*[{Items}x{D}]T", false, true, Rows, Items, D),
        new($"wgrad [{Rows}x{D}]T*[{Rows}x{D}]", true, false, D, D, Rows),
        new($"dhid  [{Rows}x{Items}]*[{Items}x{D}]", false, false, Rows, D, Items),
        new($"demb  [{Rows}x{Items}]T*[{Rows}x{D}]", true, false, Items, D, Rows),
    ];

    public double Flops => 2.0 * M * N * K;

    public override string ToString() => Name;
}
