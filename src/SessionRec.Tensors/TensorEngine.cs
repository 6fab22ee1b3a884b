namespace SessionRec.Tensors;

/// <summary>Settings of the tensor engine: a process default and a per-flow override.</summary>
public static class TensorEngine
{
    private static readonly AsyncLocal<int> Scoped = new();
    private static int threadCount = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>
    /// Number of threads the kernels split work over: the innermost <see cref="UseThreads"/> scope of the calling
    /// flow, else the process default (min(2, processor count)). Results are deterministic for a given seed and thread
    /// count; only K-split weight gradients depend on the count, through their reduction order. Setting it changes the
    /// process default.
    /// </summary>
    public static int ThreadCount
    {
        get => Scoped.Value is int n and > 0 ? n : threadCount;
        set => threadCount = Check(value);
    }

    /// <summary>
    /// Runs the calling flow (and the tasks it starts) with <paramref name="threads"/> kernel threads until the scope is
    /// disposed, leaving other flows (another training run, the server) alone.
    /// </summary>
    public static IDisposable UseThreads(int threads) => new ThreadScope(Check(threads));

    private static int Check(int value) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least one thread.");

    private sealed class ThreadScope : IDisposable
    {
        private readonly int previous;
        private bool disposed;

        public ThreadScope(int threads)
        {
            previous = Scoped.Value;
            Scoped.Value = threads;
        }

        public void Dispose()
        {
            if (!disposed)
            {
                Scoped.Value = previous;
                disposed = true;
            }
        }
    }
}
