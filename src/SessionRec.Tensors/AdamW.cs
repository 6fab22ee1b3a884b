namespace SessionRec.Tensors;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter): each step first shrinks decayed parameters by
/// (1 − lr·weightDecay), then applies the Adam update, as PyTorch's AdamW does.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates an optimizer; add parameters with <see cref="Adam.Add"/>.</summary>
    public AdamW(AdamOptions options)
        : base(options, decoupled: true)
    {
    }
}
