namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// Inverted dropout: zeroes each element with probability <paramref name="p"/> and scales the rest by 1/(1 − p).
    /// Identity when the tape is not training or p = 0. Draws one number per element from <paramref name="random"/>,
    /// in order, so a seeded generator reproduces the mask.
    /// </summary>
    public Tensor Dropout(Tensor x, float p, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(random);
        if (p is < 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "Dropout probability must be in [0, 1).");
        }

        if (!IsTraining || p == 0f)
        {
            return x;
        }

        var mask = Rent(x.Length, clear: false);
        float keep = 1f / (1f - p);
        random.FillDropoutMask(mask, p, keep);

        var y = Output(x.Shape, clear: false, x);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Data, mask, y.Data);
        Record(y, dy =>
        {
            var g = GradOf(x);
            System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(dy, mask, g, g);
        });
        return y;
    }
}
