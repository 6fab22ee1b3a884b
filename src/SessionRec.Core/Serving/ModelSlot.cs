namespace SessionRec.Core.Serving;

/// <summary>
/// Holds the model being served and its state (<see cref="ModelState"/>). Start-up publishes the first model;
/// <see cref="Publish"/> swaps atomically, so whatever publishes a later model (a reload) never disturbs requests in
/// flight. While <see cref="Current"/> is null every request is served by cold start.
/// </summary>
public sealed class ModelSlot
{
    private Snapshot _snapshot = new(ModelState.Loading, null, null);

    /// <summary>The published model, or null while loading or after a failed first load.</summary>
    public LoadedModel? Current => Volatile.Read(ref _snapshot).Model;

    public ModelState State => Volatile.Read(ref _snapshot).State;

    /// <summary>Why the last load failed, for logs and operators (clients only see that it failed).</summary>
    public string? FailureReason => Volatile.Read(ref _snapshot).FailureReason;

    /// <summary>Serves <paramref name="model"/> from now on: state Ready.</summary>
    public void Publish(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Volatile.Write(ref _snapshot, new Snapshot(ModelState.Ready, model, null));
    }

    /// <summary>
    /// Records a failed load. A model already published keeps serving (its state stays Ready with the reason kept for
    /// operators); without one the slot becomes Failed.
    /// </summary>
    public void Fail(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var current = Volatile.Read(ref _snapshot);
        Volatile.Write(ref _snapshot, current.Model is null
            ? new Snapshot(ModelState.Failed, null, reason)
            : current with { FailureReason = reason });
    }

    // State, model and reason change together, so readers never see a Ready state without its model.
    private sealed record Snapshot(ModelState State, LoadedModel? Model, string? FailureReason);
}
