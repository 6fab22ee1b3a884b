namespace SessionRec.Benchmarks;

/// <summary>A matmul shape that SASRec training runs, in <see cref="Tensors.Gemm.Multiply"/> convention.</summary>
public sealed record GemmShape(string Name, bool TransA, bool TransB, int M, int N, int K)
{
    /// <summary>The shapes of one 2560-position batch with d = 64 and a 12,101-item catalog.</summary>
    public static readonly GemmShape[] Training =
    [
        new("proj  [2560x64]*[64x64]", false, false, 2560, 64, 64),
        new("score [2560x64]*[12102x64]T", false, true, 2560, 12102, 64),
        new("wgrad [2560x64]T*[2560x64]", true, false, 64, 64, 2560),
        new("dhid  [2560x12102]*[12102x64]", false, false, 2560, 64, 12102),
        new("demb  [2560x12102]T*[2560x64]", true, false, 12102, 64, 2560),
    ];

    public double Flops => 2.0 * M * N * K;

    public override string ToString() => Name;
}
