using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// Sampled-softmax loss with negatives of its own for every row (as RecTools' and eSASRec's SASRec train): row r
    /// scores its target against <paramref name="negatives"/>[r·m .. r·m + m), read straight from
    /// <paramref name="table"/>, so no [rows·m, d] gather is built. Negatives equal to the row's target (accidental
    /// hits) are masked. Uniform sampling needs no log-Q correction: it cancels in the softmax.
    /// </summary>
    /// <param name="hidden">[n, d] representations of the rows with a loss.</param>
    /// <param name="table">[items, d] output embedding table.</param>
    /// <param name="targets">[n] target ids.</param>
    /// <param name="negatives">[n·m] negative ids, m per row.</param>
    public Tensor RowSampledSoftmaxLoss(Tensor hidden, Tensor table, ReadOnlySpan<int> targets, ReadOnlySpan<int> negatives)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(table);
        if (hidden.Shape.Length != 2 || table.Shape.Length != 2 || hidden.Shape[1] != table.Shape[1])
        {
            throw new ArgumentException($"Hidden {hidden} and table {table} must be [n, d] and [items, d].");
        }

        int rows = hidden.Shape[0], d = hidden.Shape[1], items = table.Shape[0];
        if (targets.Length != rows || rows == 0 || negatives.Length % rows != 0)
        {
            throw new ArgumentException($"{targets.Length} targets and {negatives.Length} negatives do not fit {rows} rows.");
        }

        int m = negatives.Length / rows, width = m + 1;
        // Column 0 is the target, columns 1..m the row's negatives; ids are checked once here.
        var ids = new int[rows * width];
        for (int r = 0; r < rows; r++)
        {
            ids[r * width] = targets[r];
            negatives.Slice(r * m, m).CopyTo(ids.AsSpan((r * width) + 1, m));
        }

        foreach (int id in ids)
        {
            if ((uint)id >= (uint)items)
            {
                throw new ArgumentOutOfRangeException(nameof(negatives), $"Item id {id} is outside the table of {items}.");
            }
        }

        // After the forward, probabilities[r, k] = softmax over the row's columns (0 for masked hits).
        var probabilities = Rent(rows * width, clear: false);
        var h = hidden.Data;
        var e = table.Data;
        var losses = new double[rows];
        FixedPartition.For(rows, 1, 16, (_, r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                ForwardRow(r);
            }
        });

        void ForwardRow(int r)
        {
            var hr = h.AsSpan(r * d, d);
            var p = probabilities.AsSpan(r * width, width);
            int target = ids[r * width];
            float max = float.NegativeInfinity;
            for (int k = 0; k < width; k++)
            {
                int id = ids[(r * width) + k];
                p[k] = k > 0 && id == target ? float.NegativeInfinity : TensorPrimitives.Dot(hr, e.AsSpan(id * d, d));
                max = MathF.Max(max, p[k]);
            }

            float positive = p[0];
            TensorPrimitives.Subtract(p, max, p);
            TensorPrimitives.Exp(p, p);
            float sum = TensorPrimitives.Sum(p);
            TensorPrimitives.Divide(p, sum, p);
            losses[r] = max + Math.Log(sum) - positive;
        }

        var loss = Output([1], clear: false, hidden, table);
        double total = 0;
        foreach (double l in losses)
        {
            total += l;
        }

        loss.Data[0] = (float)(total / rows);
        Record(loss, dy =>
        {
            float s = dy[0] / rows;
            float[]? gh = hidden.RequiresGrad ? GradOf(hidden) : null;
            float[]? ge = table.RequiresGrad ? GradOf(table) : null;
            // d loss / d score[r, k] = s·(p[r, k] − [k = 0]); rows share table rows, so the scatter runs serially.
            for (int r = 0; r < rows; r++)
            {
                var hr = h.AsSpan(r * d, d);
                var p = probabilities.AsSpan(r * width, width);
                for (int k = 0; k < width; k++)
                {
                    float g = s * (p[k] - (k == 0 ? 1f : 0f));
                    if (g == 0f)
                    {
                        continue;
                    }

                    int id = ids[(r * width) + k];
                    if (gh is not null)
                    {
                        var ghr = gh.AsSpan(r * d, d);
                        TensorPrimitives.MultiplyAdd(e.AsSpan(id * d, d), g, ghr, ghr);
                    }

                    if (ge is not null)
                    {
                        var ger = ge.AsSpan(id * d, d);
                        TensorPrimitives.MultiplyAdd(hr, g, ger, ger);
                    }
                }
            }
        });
        return loss;
    }
}
