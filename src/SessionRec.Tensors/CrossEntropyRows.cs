using System.Numerics.Tensors;

namespace SessionRec.Tensors;

/// <summary>
/// Row kernels of softmax cross-entropy over a [rows × classes] logit matrix: the forward keeps each row's
/// log-sum-exp, the backward writes s·(softmax − onehot) in one pass per row. Rows are split over fixed partitions and
/// the loss is summed in double in row order, so results do not depend on scheduling.
/// </summary>
internal sealed class CrossEntropyRows
{
    private readonly float[] logits;
    private readonly int rows;
    private readonly int classes;
    private readonly int[] target;
    private readonly int ignoreIndex;
    private readonly float[] lse;
    private readonly double[] rowLoss;
    private readonly int count;

    public CrossEntropyRows(float[] logits, int rows, int classes, ReadOnlySpan<int> targets, int ignoreIndex, float[] lse)
    {
        if (targets.Length != rows)
        {
            throw new ArgumentException($"{targets.Length} targets for {rows} rows.", nameof(targets));
        }

        this.logits = logits;
        this.rows = rows;
        this.classes = classes;
        this.ignoreIndex = ignoreIndex;
        this.lse = lse;
        rowLoss = new double[rows];
        target = targets.ToArray();
        foreach (int c in target)
        {
            if (c == ignoreIndex)
            {
                continue;
            }

            if ((uint)c >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"Target {c} outside [0, {classes}).");
            }

            count++;
        }
    }

    /// <summary>Mean loss over rows with a target (0 when there are none).</summary>
    public float Forward()
    {
        ForwardRows(logits, 0, rows);
        return Loss();
    }

    /// <summary>
    /// Each row's log-sum-exp and loss for rows [<paramref name="first"/>, first + <paramref name="count"/>), whose
    /// logits start at <paramref name="block"/>[0] (the constructor's logits are not read).
    /// </summary>
    public void ForwardRows(float[] block, int first, int count)
    {
        FixedPartition.For(count, 1, 16, (_, p0, p1) =>
        {
            for (int p = p0; p < p1; p++)
            {
                int r = first + p;
                if (target[r] == ignoreIndex)
                {
                    continue;
                }

                var row = block.AsSpan(p * classes, classes);
                float max = TensorPrimitives.Max(row);
                float l = max + MathF.Log(SoftmaxMath.ExpSum(row, max));
                lse[r] = l;
                rowLoss[r] = l - row[target[r]];
            }
        });
    }

    /// <summary>The mean of the row losses, summed in row order so it does not depend on the partition.</summary>
    public float Loss()
    {
        double total = 0;
        foreach (double l in rowLoss)
        {
            total += l;
        }

        return count == 0 ? 0f : (float)(total / count);
    }

    /// <summary>
    /// Writes (or adds, with <paramref name="accumulate"/>) upstream/count · (softmax − onehot) into
    /// <paramref name="grad"/>; ignored rows become zero when writing. <paramref name="grad"/> may be the logits array.
    /// </summary>
    public void Backward(float upstream, float[] grad, bool accumulate) => BackwardRows(upstream, logits, grad, accumulate, 0, rows);

    /// <summary>
    /// <see cref="Backward"/> for rows [<paramref name="first"/>, first + <paramref name="count"/>), whose logits start
    /// at <paramref name="block"/>[0] and whose gradient rows start at <paramref name="grad"/>[0] (may be the block).
    /// </summary>
    public void BackwardRows(float upstream, float[] block, float[] grad, bool accumulate, int first, int count)
    {
        float s = this.count == 0 ? 0f : upstream / this.count;
        FixedPartition.For(count, 1, 16, (_, p0, p1) =>
        {
            for (int p = p0; p < p1; p++)
            {
                int r = first + p;
                var gr = grad.AsSpan(p * classes, classes);
                if (target[r] == ignoreIndex || this.count == 0)
                {
                    if (!accumulate)
                    {
                        gr.Clear();
                    }

                    continue;
                }

                SoftmaxMath.ScaledExp(block.AsSpan(p * classes, classes), lse[r], s, gr, accumulate);
                gr[target[r]] -= s;
            }
        });
    }
}
