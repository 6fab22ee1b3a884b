namespace SessionRec.Tensors;

/// <summary>Process-wide settings of the tensor engine.</summary>
public static class TensorEngine
{
    private static int threadCount = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>
    /// Number of threads the kernels split work over (default: min(2, processor count)). Results are deterministic for a
    /// given seed and thread count; only K-split weight gradients depend on the count, through their reduction order.
    /// </summary>
    public static int ThreadCount
    {
        get => threadCount;
        set => threadCount = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least one thread.");
    }
}
