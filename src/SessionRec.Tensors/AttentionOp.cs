using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// Causal multi-head scaled dot-product attention with a key padding mask, fused (scale, masks and softmax in one
    /// pass). <paramref name="q"/>, <paramref name="k"/>, <paramref name="v"/> are [batch·T, d] (sequence-major rows,
    /// already projected); head h uses features [h·d/heads, (h+1)·d/heads). Query i attends to keys j ≤ i whose
    /// <paramref name="keyMask"/> entry is non-zero (empty span: no padding). A query with no visible key (a left-padding
    /// row) outputs zeros; zero such rows with <see cref="MulRowMask"/> afterwards. Result is [batch·T, d], heads
    /// concatenated, before the output projection. While the tape is training, <paramref name="dropout"/> > 0 applies
    /// inverted dropout to the attention probabilities (each visible weight zeroed with that probability, the rest scaled
    /// by 1/(1 − p)), drawing one number per visible (query, key) pair from <paramref name="random"/>, in order.
    /// </summary>
    public Tensor CausalSelfAttention(Tensor q, Tensor k, Tensor v, int batch, int heads, ReadOnlySpan<float> keyMask = default,
        float dropout = 0f, DeterministicRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        CheckSameShape(q, k);
        CheckSameShape(q, v);
        int d = q.Cols, rows = q.Rows;
        if (batch <= 0 || rows % batch != 0 || heads <= 0 || d % heads != 0)
        {
            throw new ArgumentException($"{q} does not split into {batch} sequences and {heads} heads.");
        }

        if (!keyMask.IsEmpty && keyMask.Length != rows)
        {
            throw new ArgumentException($"Key mask has {keyMask.Length} values for {rows} rows.", nameof(keyMask));
        }

        if (dropout is < 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), "Dropout probability must be in [0, 1).");
        }

        int t = rows / batch, dh = d / heads;
        float scale = 1f / MathF.Sqrt(dh);
        var valid = keyMask.IsEmpty ? null : keyMask.ToArray();
        var y = Output(q.Shape, clear: true, q, k, v);
        var probs = Rent(batch * heads * t * t, clear: true);
        float[] qs = q.Data, ks = k.Data, vs = v.Data, ys = y.Data;
        float[]? keep = null, dropped = null;
        if (IsTraining && dropout > 0f)
        {
            ArgumentNullException.ThrowIfNull(random);
            keep = DropoutMask(random, batch * heads, t, dropout);
            dropped = Rent(probs.Length, clear: false);
        }

        FixedPartition.For(batch, 1, 1, (_, b0, b1) =>
        {
            var scores = new float[t * t];
            for (int b = b0; b < b1; b++)
            {
                for (int h = 0; h < heads; h++)
                {
                    AttendForward(qs, ks, vs, ys, probs, keep, dropped, scores, valid, b, h, t, d, dh, heads, scale);
                }
            }
        });

        Record(y, dy =>
        {
            // Scratch stands in for inputs that need no gradient so the kernel has one shape.
            var gq = q.RequiresGrad ? GradOf(q) : Rent(q.Length, clear: true);
            var gk = k.RequiresGrad ? GradOf(k) : Rent(k.Length, clear: true);
            var gv = v.RequiresGrad ? GradOf(v) : Rent(v.Length, clear: true);
            FixedPartition.For(batch, 1, 1, (_, b0, b1) =>
            {
                var ds = new float[t * t];
                for (int b = b0; b < b1; b++)
                {
                    for (int h = 0; h < heads; h++)
                    {
                        AttendBackward(qs, ks, vs, dy, gq, gk, gv, probs, keep, dropped, ds, b, h, t, d, dh, heads, scale);
                    }
                }
            });
        });
        return y;
    }

    /// <summary>
    /// Keep factors (0 or 1/(1 − p)) for every (sequence·head, query, key) slot, drawn in index order for the visible
    /// lower triangle only; slots above the diagonal hold 0 and are never read.
    /// </summary>
    private float[] DropoutMask(DeterministicRandom random, int slices, int t, float p)
    {
        var keep = Rent(slices * t * t, clear: true);
        float scaleUp = 1f / (1f - p);
        for (int s = 0; s < slices; s++)
        {
            for (int i = 0; i < t; i++)
            {
                random.FillDropoutMask(keep.AsSpan((s * t + i) * t, i + 1), p, scaleUp);
            }
        }

        return keep;
    }

    // Per (sequence, head) the products are small GEMMs on strided head slices (row stride d), run single-threaded
    // inside the batch partition: S = Q·Kᵀ, P = masked softmax(S·scale), D = P ∘ keep (D = P without dropout),
    // O = D·V; backward dD = dO·Vᵀ, dV += Dᵀ·dO, dP = dD ∘ keep, dS = P ∘ (dP − rowsum(P ∘ dP)) · scale,
    // dQ += dS·K, dK += dSᵀ·Q.
    private static unsafe void AttendForward(float[] q, float[] k, float[] v, float[] y, float[] probs, float[]? keep,
        float[]? dropped, float[] scores, float[]? valid, int b, int h, int t, int d, int dh, int heads, float scale)
    {
        int baseRow = b * t, off = h * dh;
        long head = (long)baseRow * d + off;
        int pBase = (b * heads + h) * t * t;
        fixed (float* pq = q, pk = k, pv = v, py = y, ps = scores)
        {
            MatMulKernels.Serial(t, t, dh, pq + head, d, 1, pk + head, 1, d, ps, t, accumulate: false);
            for (int i = 0; i < t; i++)
            {
                var p = probs.AsSpan(pBase + i * t, t);
                var s = scores.AsSpan(i * t, t);
                MaskedSoftmaxRow(s, p, valid, baseRow, i, scale);
            }

            var weights = probs;
            if (keep is not null && dropped is not null)
            {
                TensorPrimitives.Multiply(probs.AsSpan(pBase, t * t), keep.AsSpan(pBase, t * t), dropped.AsSpan(pBase, t * t));
                weights = dropped;
            }

            fixed (float* pp = &weights[pBase])
            {
                MatMulKernels.Serial(t, dh, t, pp, t, 1, pv + head, d, 1, py + head, d, accumulate: false);
            }
        }
    }

    /// <summary>Row i of P: softmax of scale·s over visible keys j ≤ i, zero elsewhere (all zero if none is visible).</summary>
    private static void MaskedSoftmaxRow(Span<float> s, Span<float> p, float[]? valid, int baseRow, int i, float scale)
    {
        var visible = s[..(i + 1)];
        TensorPrimitives.Multiply(visible, scale, visible);
        bool any = valid is null;
        if (valid is not null)
        {
            for (int j = 0; j <= i; j++)
            {
                if (valid[baseRow + j] == 0f)
                {
                    visible[j] = float.NegativeInfinity;
                }
                else
                {
                    any = true;
                }
            }
        }

        p.Clear();
        if (any)
        {
            TensorPrimitives.SoftMax(visible, p[..(i + 1)]);
        }
    }

    private static unsafe void AttendBackward(float[] q, float[] k, float[] v, float[] dy, float[] gq, float[] gk, float[] gv,
        float[] probs, float[]? keep, float[]? dropped, float[] ds, int b, int h, int t, int d, int dh, int heads, float scale)
    {
        int baseRow = b * t, off = h * dh;
        long head = (long)baseRow * d + off;
        int pBase = (b * heads + h) * t * t;
        var weights = dropped ?? probs;
        fixed (float* pq = q, pk = k, pv = v, pdy = dy, pgq = gq, pgk = gk, pgv = gv, pds = ds, pw = &weights[pBase])
        {
            // dD = dO·Vᵀ, then dV += Dᵀ·dO, and dP = dD ∘ keep.
            MatMulKernels.Serial(t, t, dh, pdy + head, d, 1, pv + head, 1, d, pds, t, accumulate: false);
            MatMulKernels.Serial(t, dh, t, pw, 1, t, pdy + head, d, 1, pgv + head, d, accumulate: true);
            if (keep is not null)
            {
                TensorPrimitives.Multiply(ds.AsSpan(0, t * t), keep.AsSpan(pBase, t * t), ds.AsSpan(0, t * t));
            }

            for (int i = 0; i < t; i++)
            {
                var p = probs.AsSpan(pBase + i * t, t);
                var row = ds.AsSpan(i * t, t);
                float c = TensorPrimitives.Dot(p, row);
                TensorPrimitives.Subtract(row, c, row);
                TensorPrimitives.Multiply(row, p, row);
                TensorPrimitives.Multiply(row, scale, row);
            }

            MatMulKernels.Serial(t, dh, t, pds, t, 1, pk + head, d, 1, pgq + head, d, accumulate: true);
            MatMulKernels.Serial(t, dh, t, pds, 1, t, pq + head, d, 1, pgk + head, d, accumulate: true);
        }
    }
}
