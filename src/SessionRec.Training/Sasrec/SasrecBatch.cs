namespace SessionRec.Training.Sasrec;

/// <summary>
/// Sequences left-padded with 0 to the longest one of the batch: <see cref="Items"/> and <see cref="Targets"/> are
/// [Size, Length] row-major; the target at a position is the item that followed it (0: no loss there).
/// </summary>
public sealed class SasrecBatch
{
    private SasrecBatch(int size, int length, int[] items, int[] targets)
    {
        Size = size;
        Length = length;
        Items = items;
        Targets = targets;
    }

    public int Size { get; }

    /// <summary>Positions per sequence: the longest sequence of this batch, not the model's maximum length.</summary>
    public int Length { get; }

    public int[] Items { get; }

    public int[] Targets { get; }

    /// <summary>
    /// Left-pads each input and its targets (same length) to the longest input, or to <paramref name="length"/> when
    /// given (at least the longest).
    /// </summary>
    public static SasrecBatch Create(IReadOnlyList<int[]> inputs, IReadOnlyList<int[]>? targets = null, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0 || (targets is not null && targets.Count != inputs.Count))
        {
            throw new ArgumentException("A batch needs at least one input and one target sequence per input.");
        }

        int longest = Math.Max(1, inputs.Max(s => s.Length));
        if (length < longest)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Length {length} is shorter than the longest input ({longest}).");
        }

        int padded = length ?? longest;
        var items = new int[inputs.Count * padded];
        var target = new int[items.Length];
        for (int b = 0; b < inputs.Count; b++)
        {
            var input = inputs[b];
            int offset = ((b + 1) * padded) - input.Length;
            input.CopyTo(items, offset);
            if (targets is not null)
            {
                if (targets[b].Length != input.Length)
                {
                    throw new ArgumentException($"Sequence {b}: {input.Length} inputs but {targets[b].Length} targets.");
                }

                targets[b].CopyTo(target, offset);
            }
        }

        return new SasrecBatch(inputs.Count, padded, items, target);
    }

    /// <summary>Rows (b·Length + i) that hold an item and a target: where the loss is taken.</summary>
    public int[] LossRows()
    {
        var rows = new List<int>(Items.Length);
        for (int r = 0; r < Items.Length; r++)
        {
            if (Items[r] != 0 && Targets[r] != 0)
            {
                rows.Add(r);
            }
        }

        return [.. rows];
    }
}
