using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SessionRec.Core.Privacy;

namespace SessionRec.Core.Sessions;

/// <summary>
/// A session key as 128 bits held inline, for in-process dictionaries: the 64-character hex string costs about 150 B
/// per copy, and the stores keep one per session. Half of a keyed hash is still far beyond any collision at the
/// sessions one process holds. Public for the server's per-session rate limiter, which keys its table the same way.
/// </summary>
public static class CompactKey
{
    public static UInt128 From(SessionKey key) => From(key.Value);

    public static UInt128 From(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length >= 32 && UInt128.TryParse(value.AsSpan(0, 32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        // Keys that are not hex hashes (tests, ids from elsewhere) still get a well-spread 128-bit key.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
