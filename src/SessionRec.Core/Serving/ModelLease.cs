namespace SessionRec.Core.Serving;

/// <summary>
/// A request's hold on the model it started with (<see cref="ModelSlot.Acquire"/>): a reload may publish another
/// model meanwhile, but this one is not disposed before the lease is. A struct so the hot path allocates nothing;
/// dispose it exactly once (<c>using var lease = slot.Acquire();</c>).
/// </summary>
public readonly struct ModelLease : IDisposable
{
    private readonly ModelHandle? _handle;

    internal ModelLease(ModelHandle handle) => _handle = handle;

    /// <summary>The leased model, or null when the slot had none (loading, or a failed first load).</summary>
    public LoadedModel? Loaded => _handle?.Model;

    public void Dispose() => _handle?.Release();
}
