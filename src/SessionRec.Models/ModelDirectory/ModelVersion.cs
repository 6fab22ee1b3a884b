using System.Security.Cryptography;
using System.Text;

namespace SessionRec.Models.ModelDirectory;

/// <summary>
/// A model directory's version: a SHA-256 over every file's relative path and bytes (sub-directories included, so a
/// hybrid's parts count), shortened to 16 hex digits. Two directories with the same files have the same version
/// wherever they lie; any changed byte changes it.
/// </summary>
public static class ModelVersion
{
    public const int Length = 16;

    public static async Task<string> ComputeAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = Path.GetFullPath(directory);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        byte[] buffer = new byte[81920];
        foreach (string relative in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            await using var stream = new FileStream(Path.Combine(root, relative), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            hash.AppendData(BitConverter.GetBytes(stream.Length));
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..Length];
    }

    /// <summary>The version of settings rather than files (the generated demo shop).</summary>
    public static string Of(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)))[..Length];
    }
}
