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
    /// transposeB: true), targets)</c> in one op whose [rows × items] scores never exist whole. Rows are taken in
    /// blocks of <see cref="ScoreBlockRows"/>: a block's scores, their log-sum-exp and, when anything needs a
    /// gradient, softmax − onehot in place of the scores and that block's share of dH = G·E and dEᵀ += Hᵀ·G, all
    /// during the forward (the loss is linear in its upstream gradient, so the backward only scales them). One block's
    /// scores are the largest buffer, so memory grows with the catalog, not with the catalog times the batch: whole,
    /// a batch of 6,400 positions over 12,102 items took 310 MB, and at 100,000 items it would take 2.6 GB.
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

        var loss = Output([1], clear: false, hidden, table);
        bool gradH = loss.RequiresGrad && hidden.RequiresGrad, gradE = loss.RequiresGrad && table.RequiresGrad;
        int blockRows = Math.Max(1, Math.Min(rows, ScoreBlockRows(items)));
        var block = RentAtLeast(checked(blockRows * items), clear: false);
        var ce = new CrossEntropyRows(block, rows, items, targets, ignoreIndex, Rent(rows, clear: true));
        var dH = gradH ? Rent(rows * d, clear: false) : null;
        var dEt = gradE ? Rent(d * items, clear: false) : null;
        for (int r0 = 0; r0 < rows; r0 += blockRows)
        {
            int n = Math.Min(blockRows, rows - r0);
            var h = hidden.Data.AsSpan(r0 * d, n * d);
            Gemm.Multiply(false, true, n, items, d, h, table.Data, block);
            ce.ForwardRows(block, r0, n);
            if (dH is null && dEt is null)
            {
                continue;
            }

            // The block's scores are dead once its log-sum-exp is known: overwrite them with G (for upstream 1).
            ce.BackwardRows(1f, block, block, accumulate: false, r0, n);
            if (dH is not null)
            {
                Gemm.Multiply(false, false, n, d, items, block, table.Data, dH.AsSpan(r0 * d, n * d));
            }

            if (dEt is not null)
            {
                Gemm.Multiply(true, false, d, items, n, h, block, dEt, accumulate: r0 > 0);
            }
        }

        loss.Data[0] = ce.Loss();
        Record(loss, dy =>
        {
            if (dH is not null)
            {
                var gh = GradForOverwrite(hidden, out bool fresh);
                if (fresh)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(dH, dy[0], gh);
                }
                else
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dH, dy[0], gh, gh);
                }
            }

            if (dEt is not null && rows > 0)
            {
                Gemm.AddTransposed(dEt, d, items, dy[0], GradOf(table));
            }
        });
        return loss;
    }

    /// <summary>
    /// Rows per block of <see cref="ScoredCrossEntropy"/>: about 2²⁴ scores (64 MB), at least 256 rows. Much smaller
    /// blocks (256–1,024 rows of Beauty's 12,102 items) made the training-step benchmark a few percent slower, the
    /// products being smaller; at this size training on Beauty got faster (less memory to touch). Tests set it small
    /// to cross block edges.
    /// </summary>
    internal static Func<int, int> ScoreBlockRows { get; set; } = items => Math.Max(256, (1 << 24) / Math.Max(1, items) / 8 * 8);
}
