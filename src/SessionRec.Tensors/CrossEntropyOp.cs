namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// Full-softmax cross-entropy, mean over rows whose target is not <paramref name="ignoreIndex"/>; ignored rows cost
    /// nothing (no exp, no gradient). Fused: the forward keeps each row's log-sum-exp and the backward writes
    /// softmax − onehot straight into the logits' gradient. For item scoring prefer
    /// <see cref="ScoredCrossEntropy"/>, and compact the valid positions with <see cref="GatherRows"/> first so
    /// padding never reaches the big matmul.
    /// </summary>
    public Tensor CrossEntropy(Tensor logits, ReadOnlySpan<int> targets, int ignoreIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(logits);
        int rows = logits.Rows, classes = logits.Cols;
        var ce = new CrossEntropyRows(logits.Data, rows, classes, targets, ignoreIndex, Rent(rows, clear: true));
        var loss = Output([1], clear: false, logits);
        loss.Data[0] = ce.Forward();
        Record(loss, dy =>
        {
            var g = GradForOverwrite(logits, out bool fresh);
            ce.Backward(dy[0], g, accumulate: !fresh);
        });
        return loss;
    }

    /// <summary>
    /// Cross-entropy of the full softmax over scores h·Eᵀ: the product <c>CrossEntropy(MatMul(hidden, table,
    /// transposeB: true), targets)</c> in one op. The [rows × items] scores stay private, so the backward overwrites
    /// them with softmax − onehot instead of allocating a second matrix of that size, then forms dH = G·E and
    /// dE += Gᵀ·H.
    /// </summary>
    /// <param name="hidden">[rows, d] sequence representations (the valid positions).</param>
    /// <param name="table">[items, d] output embedding table (the item embeddings when input and output are shared).</param>
    /// <param name="targets">[rows] target item ids; <paramref name="ignoreIndex"/> marks rows without a loss.</param>
    /// <param name="ignoreIndex">Target value of rows to skip.</param>
    public Tensor ScoredCrossEntropy(Tensor hidden, Tensor table, ReadOnlySpan<int> targets, int ignoreIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(table);
        CheckRank2(table, nameof(table));
        int rows = hidden.Rows, d = hidden.Cols, items = table.Shape[0];
        if (table.Shape[1] != d)
        {
            throw new ArgumentException($"Scores need matching widths: {hidden} · {table}ᵀ.");
        }

        var scores = RentAtLeast(checked(rows * items), clear: false);
        Gemm.Multiply(false, true, rows, items, d, hidden.Data, table.Data, scores);
        var ce = new CrossEntropyRows(scores, rows, items, targets, ignoreIndex, Rent(rows, clear: true));
        var loss = Output([1], clear: false, hidden, table);
        loss.Data[0] = ce.Forward();
        Record(loss, dy =>
        {
            // The scores are dead after this point: reuse their memory for the gradient G.
            ce.Backward(dy[0], scores, accumulate: false);
            if (hidden.RequiresGrad)
            {
                var gh = GradForOverwrite(hidden, out bool fresh);
                Gemm.Multiply(false, false, rows, d, items, scores, table.Data, gh, accumulate: !fresh);
            }

            if (table.RequiresGrad)
            {
                Gemm.Multiply(true, false, items, d, rows, scores, hidden.Data, GradOf(table), accumulate: true);
            }
        });
        return loss;
    }
}
