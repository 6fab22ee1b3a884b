using System.Security.Cryptography;

namespace SessionRec.Models.Data;

/// <summary>Identifies the exact data file a model was trained on, so a manifest can be checked against a file.</summary>
public static class DatasetFingerprint
{
    public static string Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
