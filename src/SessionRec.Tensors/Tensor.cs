namespace SessionRec.Tensors;

/// <summary>
/// A dense row-major float tensor with an optional gradient buffer. Parameters are created with
/// <see cref="Parameter"/>; intermediate tensors come from a <see cref="Tape"/> and are valid until it is reset.
/// </summary>
public sealed class Tensor
{
    internal Tensor(float[] data, int[] shape, bool requiresGrad, bool isParameter)
    {
        long length = 1;
        foreach (int s in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(s);
            length *= s;
        }

        if (length != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {length} values, got {data.Length}.");
        }

        Data = data;
        Shape = shape;
        RequiresGrad = requiresGrad;
        IsParameter = isParameter;
    }

    /// <summary>The values, row-major; the array length equals the element count.</summary>
    public float[] Data { get; }

    /// <summary>The dimensions; do not modify.</summary>
    public int[] Shape { get; }

    /// <summary>Element count.</summary>
    public int Length => Data.Length;

    /// <summary>Size of the last dimension: a tensor is treated as <see cref="Rows"/> × <see cref="Cols"/> by row ops.</summary>
    public int Cols => Shape.Length == 0 ? 1 : Shape[^1];

    /// <summary>Element count divided by the last dimension.</summary>
    public int Rows => Cols == 0 ? 0 : Length / Cols;

    /// <summary>True when gradients flow into this tensor.</summary>
    public bool RequiresGrad { get; }

    /// <summary>True for trainable leaves created by <see cref="Parameter"/>.</summary>
    public bool IsParameter { get; }

    /// <summary>Accumulated gradient, same shape as <see cref="Data"/>; null until something flows into it.</summary>
    public float[]? Grad { get; internal set; }

    /// <summary>Optional label for diagnostics.</summary>
    public string? Name { get; init; }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a trainable parameter; the optimizer updates it in place.</summary>
    public static Tensor Parameter(float[] data, params int[] shape) => new(data, [.. shape], requiresGrad: true, isParameter: true);

    /// <summary>Wraps <paramref name="data"/> (not copied) as a constant input that receives no gradient.</summary>
    public static Tensor Constant(float[] data, params int[] shape) => new(data, [.. shape], requiresGrad: false, isParameter: false);

    /// <summary>Sets the gradient to zero if it exists.</summary>
    public void ZeroGrad()
    {
        if (Grad is not null)
        {
            Array.Clear(Grad);
        }
    }

    /// <summary>The single value of a one-element tensor, e.g. a loss.</summary>
    public float Item() => Length == 1 ? Data[0] : throw new InvalidOperationException($"Tensor has {Length} elements.");

    /// <summary>A copy of the values.</summary>
    public float[] ToArray() => (float[])Data.Clone();

    /// <inheritdoc/>
    public override string ToString() => $"{Name ?? "Tensor"}[{string.Join(", ", Shape)}]";
}
