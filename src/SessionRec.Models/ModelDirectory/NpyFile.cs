using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace SessionRec.Models.ModelDirectory;

/// <summary>
/// Reads and writes 2-D float32 arrays in NumPy's <c>.npy</c> format (written as v1.0, <c>'&lt;f4'</c>, C order; read
/// from v1.0, v2.0 or v3.0 with the same dtype), so <c>numpy.load</c> opens our item embeddings and we open PyTorch
/// exports.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // NumPy pads the header so the data starts on a 64-byte boundary; readers accept any padding.
    private const int Alignment = 64;

    public static void Write(string path, ReadOnlySpan<float> data, int rows, int columns)
    {
        if (rows < 0 || columns < 0 || (long)rows * columns != data.Length)
        {
            throw new ArgumentException($"A {rows}x{columns} matrix needs {(long)rows * columns} values, got {data.Length}.", nameof(data));
        }

        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (Alignment - (unpadded % Alignment)) % Alignment;
        string header = dict + new string(' ', padding) + "\n";

        using var stream = File.Create(path);
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, checked((ushort)header.Length));
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data));
        }
        else
        {
            Span<byte> value = stackalloc byte[4];
            foreach (float f in data)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, f);
                stream.Write(value);
            }
        }
    }

    public static void Write(string path, NpyMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Write(path, matrix.Data, matrix.Rows, matrix.Columns);
    }

    public static NpyMatrix Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads the whole file asynchronously, then parses it from memory.</summary>
    public static async Task<NpyMatrix> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, path);
    }

    private static NpyMatrix Read(Stream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        if (!prefix[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a .npy file.");
        }

        int major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            stream.ReadExactly(len);
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(len);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            stream.ReadExactly(len);
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(len));
        }
        else
        {
            throw new InvalidDataException($"{path}: unsupported .npy version {major}.{prefix[7]}.");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        string header = Encoding.UTF8.GetString(headerBytes);
        var (rows, columns) = ParseHeader(path, header);

        long count = (long)rows * columns;
        var data = new float[count];
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the data is shorter than its {rows}x{columns} shape.", e);
        }

        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4, 4));
            }
        }

        return new NpyMatrix(rows, columns, data);
    }

    private static (int Rows, int Columns) ParseHeader(string path, string header)
    {
        var descr = DescrPattern().Match(header);
        if (!descr.Success || descr.Groups[1].Value is not ("<f4" or "f4"))
        {
            throw new InvalidDataException($"{path}: expected dtype '<f4', header is {header.Trim()}.");
        }

        var fortran = FortranPattern().Match(header);
        if (!fortran.Success || fortran.Groups[1].Value != "False")
        {
            throw new InvalidDataException($"{path}: only C-order arrays are supported, header is {header.Trim()}.");
        }

        var shape = ShapePattern().Match(header);
        if (!shape.Success)
        {
            throw new InvalidDataException($"{path}: no 2-D shape in header {header.Trim()}.");
        }

        return (int.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(\s*(\d+)\s*,\s*(\d+)\s*,?\s*\)")]
    private static partial Regex ShapePattern();
}
