using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>Softmax over the last dimension.</summary>
    public Tensor Softmax(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int d = x.Cols, rows = x.Rows;
        var y = Output(x.Shape, clear: false, x);
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.SoftMax(x.Data.AsSpan(r * d, d), y.Data.AsSpan(r * d, d));
        }

        Record(y, dy =>
        {
            var gx = GradOf(x);
            for (int r = 0; r < rows; r++)
            {
                var yr = y.Data.AsSpan(r * d, d);
                var dyr = dy.AsSpan(r * d, d);
                float dot = TensorPrimitives.Dot(dyr, yr);
                var gr = gx.AsSpan(r * d, d);
                for (int i = 0; i < d; i++)
                {
                    gr[i] += yr[i] * (dyr[i] - dot);
                }
            }
        });
        return y;
    }
}
