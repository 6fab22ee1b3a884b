using SessionRec.Core.Privacy;
using StackExchange.Redis;

namespace SessionRec.Redis.Tests;

public sealed class RedisKeyLayoutTests
{
    private static readonly SessionKey Session = new SessionIdHasher("layout-tests-secret"u8.ToArray()).Hash("shopper-42");

    [Fact]
    public void A_session_key_is_prefix_hash_tag_and_purpose()
    {
        var layout = new RedisKeyLayout("shop1");

        Assert.Equal($"shop1:{{{Session.Value}}}:clicks", layout.Clicks(Session).ToString());
    }

    [Fact]
    public void A_session_always_meets_the_same_index_shard_and_every_shard_has_its_own_hash_tag()
    {
        var layout = new RedisKeyLayout("sr");

        Assert.Equal(layout.IndexShard(Session), layout.IndexShard(Session));
        Assert.Contains(layout.IndexShard(Session), layout.AllIndexShards);
        Assert.Equal(RedisKeyLayout.IndexShards, layout.AllIndexShards.Select(k => HashTag(k)).Distinct().Count());
    }

    [Theory]
    [InlineData("shopper-42")]
    [InlineData("")]
    [InlineData("abc}def")]
    public void Anything_but_a_hex_hash_is_refused_so_a_raw_id_can_never_become_a_key(string value)
    {
        var layout = new RedisKeyLayout("sr");

        Assert.Throws<ArgumentException>(() => layout.Clicks(new SessionKey(value)));
    }

    [Fact]
    public void A_prefix_with_braces_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new RedisKeyLayout("a{b}"));
    }

    private static string HashTag(RedisKey key)
    {
        string text = key.ToString();
        int open = text.IndexOf('{', StringComparison.Ordinal);
        return text[(open + 1)..text.IndexOf('}', open)];
    }
}
