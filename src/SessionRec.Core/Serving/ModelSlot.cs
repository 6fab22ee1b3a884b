namespace SessionRec.Core.Serving;

/// <summary>
/// Holds the model being served and its state (<see cref="ModelState"/>). Start-up publishes the first model; a reload
/// publishes the next with <see cref="Publish"/>, which swaps atomically. Requests take a <see cref="ModelLease"/>, so
/// one that started on the old model finishes on it, and the old model is disposed only when its last lease ends.
/// While no model is published every request is served by cold start.
/// </summary>
public sealed class ModelSlot
{
    private readonly Lock _writers = new();
    private Snapshot _snapshot = new(ModelState.Loading, null, null);
    private int _retiring;

    /// <summary>
    /// The published model, or null while loading or after a failed first load. A peek for labels and state: anything
    /// that runs the model must <see cref="Acquire"/> it, or a reload may dispose it underneath.
    /// </summary>
    public LoadedModel? Current => Volatile.Read(ref _snapshot).Handle?.Model;

    public ModelState State => Volatile.Read(ref _snapshot).State;

    /// <summary>Why the last load failed, for logs and operators (clients only see that it failed).</summary>
    public string? FailureReason => Volatile.Read(ref _snapshot).FailureReason;

    /// <summary>Models swapped out whose last request has not finished yet (0 once they are all disposed).</summary>
    public int Retiring => Volatile.Read(ref _retiring);

    /// <summary>Leases the current model (an empty lease when there is none).</summary>
    public ModelLease Acquire()
    {
        while (true)
        {
            var handle = Volatile.Read(ref _snapshot).Handle;
            if (handle is null)
            {
                return default;
            }

            // Fails only when a reload let this model go between the read and here: the next read sees its successor.
            if (handle.TryAcquire())
            {
                return new ModelLease(handle);
            }
        }
    }

    /// <summary>Serves <paramref name="model"/> from now on (state Ready) and lets the previous model go once its
    /// requests are done.</summary>
    public void Publish(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelHandle? previous;
        lock (_writers)
        {
            previous = Volatile.Read(ref _snapshot).Handle;
            Volatile.Write(ref _snapshot, new Snapshot(ModelState.Ready, new ModelHandle(model, Retired), null));
        }

        if (previous is not null)
        {
            Interlocked.Increment(ref _retiring);
            previous.Release();
        }
    }

    /// <summary>
    /// Publishes <paramref name="model"/> only if <paramref name="expected"/> is still the current model: a background
    /// refresh built from <paramref name="expected"/> must not undo a reload that landed meanwhile.
    /// </summary>
    public bool TryReplace(LoadedModel expected, LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(model);
        lock (_writers)
        {
            if (!ReferenceEquals(Current, expected))
            {
                return false;
            }

            Publish(model);
            return true;
        }
    }

    /// <summary>
    /// Records a failed load. A model already published keeps serving (its state stays Ready with the reason kept for
    /// operators); without one the slot becomes Failed.
    /// </summary>
    public void Fail(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        lock (_writers)
        {
            var current = Volatile.Read(ref _snapshot);
            Volatile.Write(ref _snapshot, current.Handle is null
                ? new Snapshot(ModelState.Failed, null, reason)
                : current with { FailureReason = reason });
        }
    }

    private void Retired(ModelHandle handle)
    {
        Interlocked.Decrement(ref _retiring);

        // The old model's native buffers were just freed; without a trim glibc keeps them resident.
        NativeHeap.TrimSoon();
    }

    // State, model and reason change together, so readers never see a Ready state without its model.
    private sealed record Snapshot(ModelState State, ModelHandle? Handle, string? FailureReason);
}
