using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// Gathers rows of <paramref name="table"/> [rows, d] by <paramref name="ids"/>: result [ids.Length, d]. Ids equal
    /// to <paramref name="paddingIndex"/> give a zero row and send no gradient (pass −1 when every id is real, e.g.
    /// positions). Gradients are scattered serially in id order, so repeated ids add deterministically.
    /// </summary>
    public Tensor Embedding(Tensor table, ReadOnlySpan<int> ids, int paddingIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        CheckRank2(table, nameof(table));
        int vocab = table.Shape[0], d = table.Shape[1];
        var index = ids.ToArray();
        var y = Output([index.Length, d], clear: false, table);
        for (int i = 0; i < index.Length; i++)
        {
            int id = index[i];
            var dst = y.Data.AsSpan(i * d, d);
            if (id == paddingIndex)
            {
                dst.Clear();
            }
            else if ((uint)id < (uint)vocab)
            {
                table.Data.AsSpan(id * d, d).CopyTo(dst);
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(ids), $"Id {id} outside [0, {vocab}).");
            }
        }

        Record(y, dy =>
        {
            var g = GradOf(table);
            for (int i = 0; i < index.Length; i++)
            {
                int id = index[i];
                if (id != paddingIndex)
                {
                    var gr = g.AsSpan(id * d, d);
                    TensorPrimitives.Add(gr, dy.AsSpan(i * d, d), gr);
                }
            }
        });
        return y;
    }
}
