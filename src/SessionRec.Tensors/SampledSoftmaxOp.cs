using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// Sampled-softmax loss with one shared set of negatives per batch: row r scores its target against
    /// <paramref name="negatives"/> (one A·Bᵀ for all rows). See <see cref="SampledSoftmaxFromScores"/> for the loss.
    /// </summary>
    /// <param name="hidden">[n, d] sequence representations (e.g. the valid positions).</param>
    /// <param name="table">[items, d] output embedding table.</param>
    /// <param name="targets">[n] target ids; <paramref name="ignoreIndex"/> marks rows without a loss.</param>
    /// <param name="negatives">[m] shared negative ids.</param>
    /// <param name="ignoreIndex">Target value of rows to skip.</param>
    /// <param name="logQ">Optional log sampling probability per item id (log-Q correction); empty for uniform sampling.</param>
    public Tensor SampledSoftmaxLoss(Tensor hidden, Tensor table, ReadOnlySpan<int> targets, ReadOnlySpan<int> negatives,
        int ignoreIndex = -1, ReadOnlySpan<float> logQ = default)
    {
        var positive = RowDot(hidden, Embedding(table, targets, paddingIndex: ignoreIndex));
        var negative = MatMul(hidden, Embedding(table, negatives, paddingIndex: int.MinValue), transposeB: true);
        return SampledSoftmaxFromScores(positive, negative, targets, negatives, ignoreIndex, logQ);
    }

    /// <summary>
    /// Mean over rows with a target of −log softmax at the positive among [positive[r], negative[r, ·]], after
    /// subtracting log Q(item) when <paramref name="logQ"/> is given and masking negatives equal to the row's target
    /// (accidental hits).
    /// </summary>
    public Tensor SampledSoftmaxFromScores(Tensor positive, Tensor negative, ReadOnlySpan<int> targets,
        ReadOnlySpan<int> negatives, int ignoreIndex = -1, ReadOnlySpan<float> logQ = default)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        int rows = positive.Length, m = negatives.Length;
        if (negative.Length != rows * m || targets.Length != rows)
        {
            throw new ArgumentException($"Scores {positive}, {negative} do not match {targets.Length} targets × {m} negatives.");
        }

        var target = targets.ToArray();
        var neg = negatives.ToArray();
        var q = logQ.IsEmpty ? null : logQ.ToArray();
        var lse = Rent(rows, clear: true);
        double total = 0;
        int count = 0;
        var tmp = new float[m];
        for (int r = 0; r < rows; r++)
        {
            if (target[r] == ignoreIndex)
            {
                continue;
            }

            float pos = PositiveLogit(positive.Data[r], target[r], q);
            NegativeLogits(negative.Data.AsSpan(r * m, m), neg, target[r], q, tmp);
            float max = MathF.Max(pos, TensorPrimitives.Max(tmp));
            TensorPrimitives.Subtract(tmp, max, tmp);
            TensorPrimitives.Exp(tmp, tmp);
            float l = max + MathF.Log(TensorPrimitives.Sum(tmp) + MathF.Exp(pos - max));
            lse[r] = l;
            total += l - pos;
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
            var buf = new float[m];
            for (int r = 0; r < rows; r++)
            {
                if (target[r] == ignoreIndex)
                {
                    continue;
                }

                if (gp is not null)
                {
                    gp[r] += s * (MathF.Exp(PositiveLogit(positive.Data[r], target[r], q) - lse[r]) - 1f);
                }

                if (gn is not null)
                {
                    NegativeLogits(negative.Data.AsSpan(r * m, m), neg, target[r], q, buf);
                    TensorPrimitives.Subtract(buf, lse[r], buf);
                    TensorPrimitives.Exp(buf, buf);
                    var gr = gn.AsSpan(r * m, m);
                    TensorPrimitives.MultiplyAdd(buf, s, gr, gr);
                }
            }
        });
        return loss;
    }

    private static float PositiveLogit(float score, int target, float[]? logQ) => logQ is null ? score : score - logQ[target];

    private static void NegativeLogits(ReadOnlySpan<float> scores, int[] negatives, int target, float[]? logQ, Span<float> logits)
    {
        for (int j = 0; j < negatives.Length; j++)
        {
            logits[j] = negatives[j] == target ? float.NegativeInfinity
                : logQ is null ? scores[j] : scores[j] - logQ[negatives[j]];
        }
    }
}
