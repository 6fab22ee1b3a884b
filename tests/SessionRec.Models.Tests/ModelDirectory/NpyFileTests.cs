using System.Text;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.ModelDirectory;

public class NpyFileTests
{
    [Fact]
    public void Round_trips_a_matrix_with_a_numpy_v1_header()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("m.npy");
        float[] data = [.. Enumerable.Range(0, 12).Select(i => (i * 0.5f) - 2f)];
        data[5] = float.NaN;

        NpyFile.Write(path, data, rows: 3, columns: 4);
        var read = NpyFile.Read(path);

        Assert.Equal(3, read.Rows);
        Assert.Equal(4, read.Columns);
        Assert.Equal(data, read.Data);
        Assert.Equal(data[4..8], read.Row(1).ToArray());

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], bytes[..8]);
        int headerLength = bytes[8] | (bytes[9] << 8);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", header.TrimEnd());
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal(10 + headerLength + (12 * 4), bytes.Length);
        Assert.Equal(BitConverter.GetBytes(-2f), bytes[(10 + headerLength)..(14 + headerLength)]);
    }

    [Fact]
    public void Reads_a_header_written_with_numpy_spacing()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("np.npy");
        // As numpy writes it, with the shape tuple's trailing comma omitted for 2-D and 16-byte alignment (old numpy).
        string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1), }";
        header = header.PadRight(((10 + header.Length + 1 + 15) / 16 * 16) - 10 - 1) + "\n";
        using (var stream = File.Create(path))
        {
            stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
            stream.Write(Encoding.ASCII.GetBytes(header));
            stream.Write(BitConverter.GetBytes(1.5f));
            stream.Write(BitConverter.GetBytes(-3f));
        }

        var read = NpyFile.Read(path);

        Assert.Equal((2, 1), (read.Rows, read.Columns));
        Assert.Equal([1.5f, -3f], read.Data);
    }

    [Fact]
    public void Rejects_other_dtypes_and_mismatched_shapes()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("f8.npy");
        string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }".PadRight(53) + "\n";
        File.WriteAllBytes(path, [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0, .. Encoding.ASCII.GetBytes(header), .. new byte[8]]);

        Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));
        Assert.Throws<ArgumentException>(() => NpyFile.Write(dir.Combine("x.npy"), new float[5], 2, 3));
    }
}
