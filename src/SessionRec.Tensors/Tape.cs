namespace SessionRec.Tensors;

/// <summary>
/// Records operations for reverse-mode differentiation and owns the intermediate tensors they create. Ops are instance
/// methods (<c>tape.Linear(x, w, b)</c>). Use one tape per batch: build the forward, call <see cref="Backward"/>,
/// step the optimizer, then <see cref="Reset"/> to recycle every intermediate array. Not thread-safe.
/// </summary>
public sealed partial class Tape
{
    private readonly List<Action> backwards = [];
    private readonly List<float[]> owned = [];
    private readonly List<float[]> ownedScratch = [];
    private readonly List<Tensor> ownedTensors = [];
    private readonly TensorPool pool;

    /// <summary>Creates a tape.</summary>
    /// <param name="recording">False for inference: nothing is recorded, no gradients are kept.</param>
    /// <param name="training">Whether dropout is active; defaults to <paramref name="recording"/>.</param>
    /// <param name="poolBudgetBytes">How much recycled memory <see cref="Reset"/> keeps for later batches.</param>
    public Tape(bool recording = true, bool? training = null, long poolBudgetBytes = DefaultPoolBudgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(poolBudgetBytes);
        IsRecording = recording;
        IsTraining = training ?? recording;
        pool = new TensorPool(poolBudgetBytes);
    }

    /// <summary>Default of the constructor's pool budget: 256 MB.</summary>
    public const long DefaultPoolBudgetBytes = 256L << 20;

    /// <summary>A tape for inference: records nothing and disables dropout.</summary>
    public static Tape Inference() => new(recording: false, training: false);

    /// <summary>True when operations are recorded for <see cref="Backward"/>.</summary>
    public bool IsRecording { get; }

    /// <summary>True when dropout is applied.</summary>
    public bool IsTraining { get; set; }

    /// <summary>Number of recorded operations.</summary>
    public int NodeCount => backwards.Count;

    /// <summary>Bytes <see cref="Reset"/> kept for reuse by later batches.</summary>
    public long PooledBytes => pool.PooledBytes;

    /// <summary>A zero-filled tensor owned by this tape (no gradient), e.g. for inputs built per batch.</summary>
    public Tensor Zeros(params int[] shape) => NewTensor(shape, requiresGrad: false, clear: true);

    /// <summary>A tape-owned constant copy of <paramref name="values"/>.</summary>
    public Tensor Constant(ReadOnlySpan<float> values, params int[] shape)
    {
        var t = NewTensor(shape, requiresGrad: false, clear: false);
        values.CopyTo(t.Data);
        return t;
    }

    /// <summary>
    /// Back-propagates from a one-element <paramref name="loss"/> (seeded with gradient 1), adding into the gradients of
    /// every parameter it depends on.
    /// </summary>
    public void Backward(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (!IsRecording)
        {
            throw new InvalidOperationException("An inference tape records nothing to differentiate.");
        }

        if (loss.Length != 1)
        {
            throw new ArgumentException($"Backward needs a scalar loss, got {loss}.", nameof(loss));
        }

        if (!loss.RequiresGrad)
        {
            return;
        }

        GradOf(loss)[0] += 1f;
        for (int i = backwards.Count - 1; i >= 0; i--)
        {
            backwards[i]();
        }
    }

    /// <summary>
    /// Forgets recorded operations and recycles all tensors this tape created; they must not be used afterwards. Keep
    /// one tape for a whole training run: later batches reuse these arrays instead of allocating (and page-faulting)
    /// fresh ones.
    /// </summary>
    public void Reset()
    {
        backwards.Clear();
        var used = new List<float[]>(owned.Count + ownedTensors.Count);
        foreach (var t in ownedTensors)
        {
            if (t.Grad is not null)
            {
                used.Add(t.Grad);
                t.Grad = null;
            }
        }

        ownedTensors.Clear();
        used.AddRange(owned);
        owned.Clear();
        pool.Release(used);
        pool.ReleaseScratch(ownedScratch);
        ownedScratch.Clear();
    }

    internal Tensor NewTensor(int[] shape, bool requiresGrad, bool clear)
    {
        long n = 1;
        foreach (int s in shape)
        {
            n *= s;
        }

        var data = Rent(checked((int)n), clear);
        var t = new Tensor(data, [.. shape], requiresGrad && IsRecording, isParameter: false);
        ownedTensors.Add(t);
        return t;
    }

    /// <summary>Output tensor whose gradient is needed when any input needs one.</summary>
    internal Tensor Output(int[] shape, bool clear, params ReadOnlySpan<Tensor?> inputs)
    {
        bool rg = false;
        foreach (var t in inputs)
        {
            rg |= t is not null && t.RequiresGrad;
        }

        return NewTensor(shape, rg, clear);
    }

    /// <summary>Scratch memory kept until <see cref="Reset"/>.</summary>
    internal float[] Rent(int length, bool clear)
    {
        var a = pool.Rent(length, clear);
        owned.Add(a);
        return a;
    }

    /// <summary>Scratch of at least <paramref name="length"/> elements, for kernels given explicit sizes.</summary>
    internal float[] RentAtLeast(int length, bool clear)
    {
        var a = pool.RentAtLeast(length, clear);
        ownedScratch.Add(a);
        return a;
    }

    /// <summary>Registers a backward step if <paramref name="output"/> takes part in differentiation.</summary>
    internal void Record(Tensor output, Action<float[]> backward)
    {
        if (!IsRecording || !output.RequiresGrad)
        {
            return;
        }

        backwards.Add(() =>
        {
            // Outputs nothing flowed into contribute nothing.
            if (output.Grad is { } g)
            {
                backward(g);
            }
        });
    }

    /// <summary>The gradient buffer of <paramref name="t"/>, allocated zeroed on first use.</summary>
    internal float[] GradOf(Tensor t)
    {
        if (t.Grad is null)
        {
            t.Grad = t.IsParameter ? new float[t.Length] : pool.Rent(t.Length, clear: true);
        }

        return t.Grad;
    }

    /// <summary>
    /// The gradient buffer of <paramref name="t"/> for an op that will write every element: when nothing has flowed
    /// in yet (<paramref name="fresh"/>), the buffer is handed out uncleared and the op must overwrite rather than add,
    /// saving a clear and a read of large buffers such as the logits' gradient.
    /// </summary>
    internal float[] GradForOverwrite(Tensor t, out bool fresh)
    {
        fresh = t.Grad is null && !t.IsParameter;
        if (fresh)
        {
            t.Grad = pool.Rent(t.Length, clear: false);
        }

        return GradOf(t);
    }

    internal static void CheckRank2(Tensor t, string name)
    {
        if (t.Shape.Length != 2)
        {
            throw new ArgumentException($"{name} must be 2-D, got {t}.", name);
        }
    }

    internal static void CheckSameShape(Tensor a, Tensor b)
    {
        if (!a.Shape.AsSpan().SequenceEqual(b.Shape))
        {
            throw new ArgumentException($"Shapes differ: {a} vs {b}.");
        }
    }
}
