namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>Element-wise activation (prefer the fused form in <see cref="Linear"/> after a projection).</summary>
    public Tensor Activate(Tensor x, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Output(x.Shape, clear: false, x);
        ActivationMath.Forward(activation, x.Data, y.Data);
        Record(y, dy =>
        {
            var dx = Rent(dy.Length, clear: false);
            ActivationMath.Backward(activation, x.Data, dy, dx);
            var g = GradOf(x);
            System.Numerics.Tensors.TensorPrimitives.Add(g, dx, g);
        });
        return y;
    }

    /// <summary>max(0, x).</summary>
    public Tensor Relu(Tensor x) => Activate(x, Activation.Relu);

    /// <summary>Exact (erf) GELU; erf uses Abramowitz–Stegun 7.1.26 (|error| ≤ 1.5e-7).</summary>
    public Tensor Gelu(Tensor x) => Activate(x, Activation.Gelu);
}
