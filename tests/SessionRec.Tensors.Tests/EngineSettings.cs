using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

/// <summary>Sets the engine's thread count and kernel path for a test and restores them afterwards.</summary>
internal sealed class EngineSettings : IDisposable
{
    private readonly int threads = TensorEngine.ThreadCount;
    private readonly bool force256 = MatMulKernels.ForceVector256;

    public EngineSettings(int threads, bool force256)
    {
        TensorEngine.ThreadCount = threads;
        MatMulKernels.ForceVector256 = force256;
    }

    public void Dispose()
    {
        TensorEngine.ThreadCount = threads;
        MatMulKernels.ForceVector256 = force256;
    }
}
