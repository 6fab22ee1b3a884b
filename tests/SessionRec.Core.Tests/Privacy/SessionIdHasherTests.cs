using System.Text;
using SessionRec.Core.Privacy;

namespace SessionRec.Core.Tests.Privacy;

public class SessionIdHasherTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("a-test-secret-of-32-bytes-length");

    [Fact]
    public void Is_the_HMAC_SHA256_of_the_id_and_never_contains_it()
    {
        var key = new SessionIdHasher(Secret).Hash("user-session-42");

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes("user-session-42")));
        Assert.Equal(expected, key.Value);
        Assert.DoesNotContain("user-session-42", key.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Depends_on_the_secret()
    {
        var a = new SessionIdHasher(Secret).Hash("s");
        var b = SessionIdHasher.WithRandomSecret().Hash("s");
        Assert.NotEqual(a, b);
        Assert.Equal(a, new SessionIdHasher(Secret).Hash("s"));
    }

    [Fact]
    public void Handles_long_and_non_ascii_ids()
    {
        var hasher = new SessionIdHasher(Secret);
        Assert.Equal(64, hasher.Hash(new string('é', 1000)).Value.Length);
        Assert.NotEqual(hasher.Hash("é"), hasher.Hash("e"));
    }

    [Fact]
    public void Rejects_short_secrets() =>
        Assert.Throws<ArgumentException>(() => new SessionIdHasher(new byte[8]));
}
