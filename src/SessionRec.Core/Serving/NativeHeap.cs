using System.Runtime.InteropServices;

namespace SessionRec.Core.Serving;

/// <summary>
/// Hands freed native memory back to the operating system after a replaced model is disposed. ONNX Runtime sessions
/// and native indexes free their buffers into glibc's malloc arenas, which keep the pages (resident) for reuse: after
/// reloads the process stays larger than the model it serves. <c>malloc_trim(0)</c> returns what the arenas hold
/// free. glibc on Linux only; elsewhere (or on musl, which has no malloc_trim) this does nothing.
/// </summary>
public static partial class NativeHeap
{
    private static int _pending;
    private static bool _unavailable;

    /// <summary>
    /// On by default; the server sets it from <c>Model:TrimNativeMemory</c> at start. A process-wide switch because
    /// the native heap is process-wide.
    /// </summary>
    public static bool TrimAfterRelease { get; set; } = true;

    /// <summary>Trims once soon on the thread pool, never on the caller (the last request of the old model).</summary>
    public static void TrimSoon()
    {
        if (!TrimAfterRelease || _unavailable || !OperatingSystem.IsLinux())
        {
            return;
        }

        // Several models retiring at once need one trim, not one each.
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ => Trim(), null);
        }
    }

    /// <summary>Trims now; false when this platform cannot.</summary>
    public static bool Trim()
    {
        Volatile.Write(ref _pending, 0);
        if (_unavailable || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            NativeMethods.MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "malloc_trim")]
        internal static partial int MallocTrim(nuint pad);
    }
}
