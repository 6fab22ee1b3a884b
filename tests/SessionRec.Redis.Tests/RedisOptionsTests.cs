using System.ComponentModel.DataAnnotations;

namespace SessionRec.Redis.Tests;

public sealed class RedisOptionsTests
{
    [Theory]
    [InlineData("", "sr", "ConnectionString")]
    [InlineData("127.0.0.1:6379,abortConnect=maybe", "sr", "ConnectionString")]
    [InlineData("127.0.0.1:6379", "bad{prefix}", "KeyPrefix")]
    [InlineData("127.0.0.1:6379", "", "KeyPrefix")]
    public void Invalid_settings_are_rejected_with_the_setting_named(string connectionString, string prefix, string member)
    {
        var options = new RedisOptions { ConnectionString = connectionString, KeyPrefix = prefix };

        var errors = Validate(options);

        Assert.Contains(errors, e => e.MemberNames.Contains(member));
    }

    [Fact]
    public void A_timeout_outside_the_allowed_range_is_rejected()
    {
        var options = new RedisOptions { ConnectionString = "127.0.0.1:6379", OperationTimeout = TimeSpan.FromMinutes(5) };

        Assert.Contains(Validate(options), e => e.MemberNames.Contains(nameof(RedisOptions.OperationTimeout)));
    }

    [Fact]
    public void The_defaults_with_a_connection_string_are_valid()
    {
        Assert.Empty(Validate(new RedisOptions { ConnectionString = "127.0.0.1:6379,127.0.0.1:6380" }));
    }

    private static List<ValidationResult> Validate(RedisOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
