namespace SessionRec.Core.Serving;

/// <summary>
/// One published model with a reference count: the slot holds one reference while the model is current, every
/// request holds one through a <see cref="ModelLease"/>. The model is disposed (ONNX Runtime sessions, native indexes)
/// when the count reaches zero, which can only happen after the slot has let it go: a swapped-out model lives exactly
/// as long as its last request.
/// </summary>
internal sealed class ModelHandle(LoadedModel model, Action<ModelHandle> retired)
{
    private int _references = 1; // the slot's own

    public LoadedModel Model { get; } = model;

    /// <summary>Takes a reference unless the count already reached zero (the model is gone or going).</summary>
    public bool TryAcquire()
    {
        int current = Volatile.Read(ref _references);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public void Release()
    {
        int left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            // The model owns its index (LoadedModel.Index is the same object, kept for health), so disposing the model
            // releases both.
            (Model.Model as IDisposable)?.Dispose();
            retired(this);
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A model lease was released twice.");
        }
    }
}
