namespace SessionRec.Models.ModelDirectory;

/// <summary>A row-major float32 matrix as stored in a <c>.npy</c> file.</summary>
public sealed record NpyMatrix(int Rows, int Columns, float[] Data)
{
    public ReadOnlySpan<float> Row(int row) => Data.AsSpan(row * Columns, Columns);
}
