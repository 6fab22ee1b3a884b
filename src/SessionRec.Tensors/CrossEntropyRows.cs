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
        var rowLoss = new double[rows];
        FixedPartition.For(rows, 1, 16, (_, r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                if (target[r] == ignoreIndex)
                {
                    continue;
                }

                var row = logits.AsSpan(r * classes, classes);
                float max = TensorPrimitives.Max(row);
                float l = max + MathF.Log(SoftmaxMath.ExpSum(row, max));
                lse[r] = l;
                rowLoss[r] = l - row[target[r]];
            }
        });

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
    public void Backward(float upstream, float[] grad, bool accumulate)
    {
        float s = count == 0 ? 0f : upstream / count;
        FixedPartition.For(rows, 1, 16, (_, r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                var gr = grad.AsSpan(r * classes, classes);
                if (target[r] == ignoreIndex || count == 0)
                {
                    if (!accumulate)
                    {
                        gr.Clear();
                    }

                    continue;
                }

                SoftmaxMath.ScaledExp(logits.AsSpan(r * classes, classes), lse[r], s, gr, accumulate);
                gr[target[r]] -= s;
            }
        });
    }
}
