using System.Runtime.InteropServices;

namespace SessionRec.Benchmarks;

/// <summary>
/// OpenBLAS loaded at run time (Debian libopenblas0-pthread) as the reference SGEMM. Only the benchmarks use native
/// BLAS; the engine itself stays managed.
/// </summary>
public static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;
    private static readonly nint Sgemm_;
    private static readonly nint SetThreads_;

#pragma warning disable CA1810 // One-time native load; a static constructor keeps the function pointers readonly.
    static OpenBlas()
#pragma warning restore CA1810
    {
        // Debian's OpenBLAS 0.3.21 does not recognise this CPU model and falls back to its SSE3 "Prescott" kernels
        // (~25 GFLOP/s); name the core explicitly unless the caller did. The setting is read when the library loads,
        // and must go into the native environment (Environment.SetEnvironmentVariable does not reach getenv).
        if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is null)
        {
            _ = SetEnv("OPENBLAS_CORETYPE", System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "SkylakeX" : "Haswell", 0);
        }

        foreach (var name in new[] { "libopenblas.so.0", "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0", "libopenblas.so" })
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                Sgemm_ = NativeLibrary.GetExport(handle, "cblas_sgemm");
                SetThreads_ = NativeLibrary.GetExport(handle, "openblas_set_num_threads");
                if (NativeLibrary.TryGetExport(handle, "openblas_get_corename", out var core))
                {
                    CoreName = Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)core)());
                }

                return;
            }
        }
    }

    /// <summary>The core type OpenBLAS selected (e.g. SkylakeX), or null when not loaded.</summary>
    public static string? CoreName { get; private set; }

    /// <summary>True when the library was found.</summary>
    public static bool IsAvailable => Sgemm_ != 0;

    /// <summary>Sets OpenBLAS's own thread count.</summary>
    public static void SetThreads(int n)
    {
        if (SetThreads_ != 0)
        {
            ((delegate* unmanaged<int, void>)SetThreads_)(n);
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
#pragma warning disable CA2101, SYSLIB1054 // ASCII names and values; a plain libc import is clearest here.
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);
#pragma warning restore CA2101, SYSLIB1054

    /// <summary>Row-major C = op(A)·op(B) with the same argument convention as <see cref="Tensors.Gemm.Multiply"/>.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float[] a, float[] b, float[] c)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("OpenBLAS not found (apt-get install -y libopenblas0-pthread).");
        }

        int lda = transA ? m : k, ldb = transB ? k : n;
        var f = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)Sgemm_;
        fixed (float* pa = a, pb = b, pc = c)
        {
            f(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, n);
        }
    }
}
