namespace SessionRec.Tensors;

/// <summary>Dense single-precision matrix multiply on row-major spans (the engine's GEMM, usable without a tape).</summary>
public static unsafe class Gemm
{
    /// <summary>
    /// C[m, n] (+)= op(A) · op(B), where op(A) is [m, k] (A stored [k, m] when <paramref name="transA"/>) and op(B) is
    /// [k, n] (B stored [n, k] when <paramref name="transB"/>). Overwrites C unless <paramref name="accumulate"/>.
    /// </summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, bool accumulate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
        {
            throw new ArgumentException($"Spans too short for [{m}×{k}]·[{k}×{n}].");
        }

        long aRow = transA ? 1 : k, aCol = transA ? m : 1;
        long bRow = transB ? 1 : n, bCol = transB ? k : 1;
        fixed (float* pa = a, pb = b, pc = c)
        {
            MatMulKernels.Run(m, n, k, pa, aRow, aCol, pb, bRow, bCol, pc, n, accumulate);
        }
    }

    /// <summary>dst[j, i] += scale · src[i, j] for a row-major <paramref name="rows"/> × <paramref name="cols"/> source.</summary>
    internal static void AddTransposed(ReadOnlySpan<float> src, int rows, int cols, float scale, Span<float> dst)
    {
        if (src.Length < (long)rows * cols || dst.Length < (long)rows * cols)
        {
            throw new ArgumentException($"Spans too short for a [{rows}×{cols}] transpose.");
        }

        fixed (float* ps = src, pd = dst)
        {
            MatMulKernels.TransposeInto(ps, rows, cols, scale, pd, rows, accumulate: true);
        }
    }
}
