namespace SessionRec.Core.Serving;

/// <summary>
/// Holds the model being served. Swapped atomically, so a reload never disturbs requests in flight; empty until
/// the first load finishes, when every request is served by cold start.
/// </summary>
public sealed class ModelSlot
{
    private LoadedModel? _current;

    public LoadedModel? Current => Volatile.Read(ref _current);

    /// <summary>The last load failure, for health output (never shown to clients in detail).</summary>
    public string? LoadError { get; private set; }

    public void Publish(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Volatile.Write(ref _current, model);
        LoadError = null;
    }

    public void Fail(string reason) => LoadError = reason;
}
