namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// The original SASRec loss: for each row, one positive and one negative item scored by inner product with
    /// <paramref name="hidden"/>; see <see cref="BinaryCrossEntropyFromScores"/>.
    /// </summary>
    public Tensor BinaryCrossEntropyLoss(Tensor hidden, Tensor table, ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives,
        int ignoreIndex = -1)
    {
        var pos = RowDot(hidden, Embedding(table, positives, paddingIndex: ignoreIndex));
        var neg = RowDot(hidden, Embedding(table, negatives, paddingIndex: ignoreIndex));
        return BinaryCrossEntropyFromScores(pos, neg, positives, ignoreIndex);
    }

    /// <summary>
    /// Mean over rows whose positive id is not <paramref name="ignoreIndex"/> of
    /// −log σ(positive[r]) − log(1 − σ(negative[r])), computed stably as softplus terms.
    /// </summary>
    public Tensor BinaryCrossEntropyFromScores(Tensor positive, Tensor negative, ReadOnlySpan<int> positives, int ignoreIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        CheckSameShape(positive, negative);
        int rows = positive.Length;
        if (positives.Length != rows)
        {
            throw new ArgumentException($"{positives.Length} ids for {rows} scores.", nameof(positives));
        }

        var valid = new bool[rows];
        double total = 0;
        int count = 0;
        for (int r = 0; r < rows; r++)
        {
            if (positives[r] == ignoreIndex)
            {
                continue;
            }

            valid[r] = true;
            total += Softplus(-positive.Data[r]) + Softplus(negative.Data[r]);
            count++;
        }

        var loss = Output([1], clear: false, positive, negative);
        loss.Data[0] = count == 0 ? 0f : (float)(total / count);
        Record(loss, dy =>
        {
            if (count == 0)
            {
                return;
            }

            float s = dy[0] / count;
            float[]? gp = positive.RequiresGrad ? GradOf(positive) : null;
            float[]? gn = negative.RequiresGrad ? GradOf(negative) : null;
            for (int r = 0; r < rows; r++)
            {
                if (!valid[r])
                {
                    continue;
                }

                if (gp is not null)
                {
                    gp[r] += s * (Sigmoid(positive.Data[r]) - 1f);
                }

                if (gn is not null)
                {
                    gn[r] += s * Sigmoid(negative.Data[r]);
                }
            }
        });
        return loss;
    }

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    private static float Sigmoid(float x) => x >= 0 ? 1f / (1f + MathF.Exp(-x)) : MathF.Exp(x) / (1f + MathF.Exp(x));
}
