using SessionRec.Tensors;

namespace SessionRec.Benchmarks;

/// <summary>Random operands for one shape plus the two implementations under comparison.</summary>
public sealed class GemmData
{
    private GemmData(GemmShape shape, float[] a, float[] b)
    {
        Shape = shape;
        A = a;
        B = b;
        Ours = new float[shape.M * shape.N];
        Blas = new float[shape.M * shape.N];
    }

    public GemmShape Shape { get; }

    public float[] A { get; }

    public float[] B { get; }

    public float[] Ours { get; }

    public float[] Blas { get; }

    public static GemmData Create(GemmShape shape)
    {
        var rng = new DeterministicRandom(42);
        var a = new float[shape.M * shape.K];
        var b = new float[shape.K * shape.N];
        rng.FillUniform(a, 1f);
        rng.FillUniform(b, 1f);
        return new GemmData(shape, a, b);
    }

    public void RunOurs() => Gemm.Multiply(Shape.TransA, Shape.TransB, Shape.M, Shape.N, Shape.K, A, B, Ours);

    public void RunOpenBlas() => OpenBlas.Sgemm(Shape.TransA, Shape.TransB, Shape.M, Shape.N, Shape.K, A, B, Blas);

    public double MaxDifference()
    {
        double max = 0;
        for (int i = 0; i < Ours.Length; i++)
        {
            max = Math.Max(max, Math.Abs(Ours[i] - Blas[i]));
        }

        return max;
    }
}
