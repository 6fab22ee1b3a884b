using System.Text;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>
/// Thousands of generated bodies (random bytes, invalid UTF-8, lone surrogates, deep nesting, huge numbers, wrong
/// types) against every endpoint that reads a body: never a 5xx, never exception text, never a stack trace logged.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private static readonly string[] Paths = ["/api/v1/click", "/api/v1/recommend", "/api/v1/feedback", "/api/v1/sessions/delete"];
    private static readonly string[] Fields = ["session_id", "item_id", "k", "recommendation_id", "recommended_items", "clicked_item"];
    private readonly SessionRecFactory _factory = new();

    [Fact]
    public async Task No_generated_body_causes_a_server_error_or_leaks_an_exception()
    {
        var client = _factory.CreateClient();
        var random = new Random(10);
        for (int i = 0; i < 4000; i++)
        {
            byte[] body = Generate(random);
            var response = await client.PostBytesAsync(Paths[i % Paths.Length], body);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {Convert.ToBase64String(body)}: {text}");
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(_factory.Logs.Lines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    private static byte[] Generate(Random random) => random.Next(6) switch
    {
        0 => RandomBytes(random),
        1 => Encoding.UTF8.GetBytes(Nested(random)),
        2 => WithBytes(random, Object(random), InvalidUtf8(random)),
        _ => Encoding.UTF8.GetBytes(Object(random)),
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Nested(Random random)
    {
        int depth = random.Next(10, 3000);
        string open = random.Next(2) == 0 ? "[" : "{\"session_id\":";
        string close = open == "[" ? "]" : "}";
        return string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
    }

    private static string Object(Random random)
    {
        var parts = new List<string>();
        foreach (var field in Fields)
        {
            if (random.Next(3) > 0)
            {
                parts.Add($"\"{field}\":{Value(random)}");
            }
        }

        return "{" + string.Join(",", parts) + "}";
    }

    private static string Value(Random random) => random.Next(14) switch
    {
        0 => "\"\\ud800\"",
        1 => "\"a\\udc00b\"",
        2 => "\"\\ud83d\\ude00\"", // a valid pair
        3 => new string('9', random.Next(20, 400)),
        4 => "1e400",
        5 => "-0.0000001",
        6 => "[\"P00001\",\"\\ud800\"]",
        7 => "{\"nested\":[1,2,{\"x\":null}]}",
        8 => "true",
        9 => "null",
        10 => "\"" + new string('x', random.Next(100, 200)) + "\"",
        11 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 300)).Select(i => $"\"P{i:D5}\"")) + "]",
        12 => "\"P0000" + random.Next(1, 9) + "\"",
        _ => "\"s" + random.Next(50) + "\"",
    };

    private static byte[] InvalidUtf8(Random random) => random.Next(5) switch
    {
        0 => [0xFF],
        1 => [0xC3, 0x28],
        2 => [0xED, 0xA0, 0x80],
        3 => [0xC0, 0xAF],
        _ => [0xE2, 0x82],
    };

    /// <summary>Puts the bytes inside the first string value of the JSON text.</summary>
    private static byte[] WithBytes(Random random, string json, byte[] bad)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        int at = Array.IndexOf(utf8, (byte)'"', json.IndexOf(':', StringComparison.Ordinal) + 1);
        if (at < 0)
        {
            return [.. utf8, .. bad];
        }

        return [.. utf8.AsSpan(0, at + 1), .. bad, .. utf8.AsSpan(at + 1)];
    }

    public void Dispose() => _factory.Dispose();
}
