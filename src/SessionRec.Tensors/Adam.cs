using System.Numerics;

namespace SessionRec.Tensors;

/// <summary>
/// Adam (Kingma &amp; Ba) with bias correction and optional global-norm clipping; weight decay is an L2 term added to
/// the gradient. <see cref="Step"/> updates parameters in place and zeroes their gradients.
/// </summary>
public class Adam
{
    private readonly List<Slot> slots = [];
    private readonly bool decoupled;

    /// <summary>Creates an optimizer; add parameters with <see cref="Add"/>.</summary>
    public Adam(AdamOptions options)
        : this(options, decoupled: false)
    {
    }

    /// <summary>For <see cref="AdamW"/>: selects decoupled weight decay.</summary>
    protected Adam(AdamOptions options, bool decoupled)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        LearningRate = options.LearningRate;
        this.decoupled = decoupled;
    }

    /// <summary>The hyper-parameters.</summary>
    public AdamOptions Options { get; }

    /// <summary>Current step size; change it between steps for warm-up or decay schedules.</summary>
    public float LearningRate { get; set; }

    /// <summary>Number of steps taken.</summary>
    public int StepCount { get; private set; }

    /// <summary>The parameters in the order added (the order of the clipping norm's sum).</summary>
    public IReadOnlyList<Tensor> Parameters => [.. slots.Select(s => s.Parameter)];

    /// <summary>Registers a trainable parameter. Biases and layer-norm gains usually pass <paramref name="weightDecay"/> false.</summary>
    public void Add(Tensor parameter, bool weightDecay = true)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!parameter.IsParameter)
        {
            throw new ArgumentException($"{parameter} is not a parameter.", nameof(parameter));
        }

        slots.Add(new Slot(parameter, weightDecay, new float[parameter.Length], new float[parameter.Length]));
    }

    /// <summary>Registers several parameters with the same weight-decay choice.</summary>
    public void AddRange(IEnumerable<Tensor> parameters, bool weightDecay = true)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
        {
            Add(p, weightDecay);
        }
    }

    /// <summary>
    /// Clips (if configured), applies one update to every parameter that has a gradient, and zeroes the gradients.
    /// Returns the global gradient norm before clipping.
    /// </summary>
    public double Step()
    {
        var ps = slots.Select(s => s.Parameter).ToArray();
        double norm = GradientClipping.ClipGlobalNorm(ps, Options.MaxGradNorm);
        StepCount++;
        float b1 = Options.Beta1, b2 = Options.Beta2, eps = Options.Epsilon, lr = LearningRate;
        float stepSize = (float)(lr / (1 - Math.Pow(b1, StepCount)));
        float invBc2Sqrt = (float)(1 / Math.Sqrt(1 - Math.Pow(b2, StepCount)));
        foreach (var slot in slots)
        {
            if (slot.Parameter.Grad is not { } g)
            {
                continue;
            }

            float wd = slot.WeightDecay ? Options.WeightDecay : 0f;
            Update(slot.Parameter.Data, g, slot.M, slot.V, new StepConstants(
                b1, b2, eps, stepSize, invBc2Sqrt, L2: decoupled ? 0f : wd, Shrink: decoupled ? 1f - lr * wd : 1f));
            Array.Clear(g);
        }

        return norm;
    }

    /// <summary>Zeroes all gradients without updating (e.g. after a skipped batch).</summary>
    public void ZeroGrad()
    {
        foreach (var slot in slots)
        {
            slot.Parameter.ZeroGrad();
        }
    }

    private static void Update(float[] p, float[] g, float[] m, float[] v, StepConstants k)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<float>.Count;
            var b1 = new Vector<float>(k.Beta1);
            var c1 = new Vector<float>(1f - k.Beta1);
            var b2 = new Vector<float>(k.Beta2);
            var c2 = new Vector<float>(1f - k.Beta2);
            var eps = new Vector<float>(k.Epsilon);
            var step = new Vector<float>(k.StepSize);
            var inv = new Vector<float>(k.InvBc2Sqrt);
            var l2 = new Vector<float>(k.L2);
            var shrink = new Vector<float>(k.Shrink);
            for (; i <= p.Length - w; i += w)
            {
                var pi = new Vector<float>(p, i);
                var gi = new Vector<float>(g, i) + l2 * pi;
                var mi = b1 * new Vector<float>(m, i) + c1 * gi;
                var vi = b2 * new Vector<float>(v, i) + c2 * gi * gi;
                mi.CopyTo(m, i);
                vi.CopyTo(v, i);
                (pi * shrink - step * mi / (Vector.SquareRoot(vi) * inv + eps)).CopyTo(p, i);
            }
        }

        for (; i < p.Length; i++)
        {
            float gi = g[i] + k.L2 * p[i];
            float mi = k.Beta1 * m[i] + (1f - k.Beta1) * gi;
            float vi = k.Beta2 * v[i] + (1f - k.Beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] = p[i] * k.Shrink - k.StepSize * mi / (MathF.Sqrt(vi) * k.InvBc2Sqrt + k.Epsilon);
        }
    }

    private readonly record struct StepConstants(
        float Beta1, float Beta2, float Epsilon, float StepSize, float InvBc2Sqrt, float L2, float Shrink);

    private sealed record Slot(Tensor Parameter, bool WeightDecay, float[] M, float[] V);
}
