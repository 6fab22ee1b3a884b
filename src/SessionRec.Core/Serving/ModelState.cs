namespace SessionRec.Core.Serving;

/// <summary>Where the served model stands: <see cref="ModelSlot"/> moves Loading → Ready or Failed.</summary>
public enum ModelState
{
    /// <summary>No model yet: start-up is still reading it. Requests get cold start.</summary>
    Loading,

    /// <summary>A checked model is published and serves.</summary>
    Ready,

    /// <summary>Loading or the model check failed (<see cref="ModelSlot.FailureReason"/>); nothing was published.</summary>
    Failed,
}
