using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SessionRec.Core.Privacy;

/// <summary>
/// HMAC-SHA256 of session ids under a server secret. Keyed (not a plain hash) so nobody without the secret can
/// test whether a guessed id is present; replicas sharing a store must share the secret.
/// </summary>
public sealed class SessionIdHasher
{
    private readonly byte[] _secret;

    public SessionIdHasher(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 16)
        {
            throw new ArgumentException("The session-id secret must be at least 16 bytes.", nameof(secret));
        }

        _secret = [.. secret];
    }

    /// <summary>A hasher with a fresh random secret: keys survive only as long as this process.</summary>
    public static SessionIdHasher WithRandomSecret() => new(RandomNumberGenerator.GetBytes(32));

    public SessionKey Hash(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        int max = Encoding.UTF8.GetMaxByteCount(sessionId.Length);
        byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        try
        {
            int n = Encoding.UTF8.GetBytes(sessionId, utf8);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_secret, utf8[..n], mac);
            return new SessionKey(Convert.ToHexStringLower(mac));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
