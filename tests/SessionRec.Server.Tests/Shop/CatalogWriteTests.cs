using System.Net;
using System.Text;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Shop;

/// <summary>The live catalog: PUT /items/{id}, POST /items/batch, availability, new items, bad input.</summary>
public sealed class CatalogWriteTests : IDisposable
{
    private readonly SessionRecFactory _factory = new();

    [Fact]
    public async Task Put_creates_with_201_then_updates_with_200_keeping_the_fields_it_leaves_out()
    {
        var client = _factory.CreateClient();

        var created = await client.PutItemAsync("NEW-1", """{"name":"Rose Serum, 30 ml","category":"skincare","properties":{"price":12.5,"brand":"Acme"}}""");
        var updated = await client.PutItemAsync("NEW-1", """{"available":false}""");
        var item = await (await client.GetAsync("/api/v1/items/NEW-1", TestContext.Current.CancellationToken)).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/items/NEW-1", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Rose Serum, 30 ml", item.GetProperty("name").GetString());
        Assert.Equal("skincare", item.GetProperty("category").GetString());
        Assert.Equal("12.5", item.GetProperty("attributes").GetProperty("price").GetString());
        Assert.False(item.GetProperty("available").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "NEW-1")).StatusCode); // clickable, never recommended
    }

    [Fact]
    public async Task An_unavailable_item_disappears_from_the_next_recommendation_and_k_stays_full()
    {
        var client = _factory.CreateClient();
        await client.ClickAsync("s", "P00001");
        var before = (await client.RecommendAsync("s", 10)).GetProperty("recommendations").Strings();

        Assert.Equal(HttpStatusCode.OK, (await client.PutItemAsync(before[0], """{"available":false}""")).StatusCode);
        var after = (await client.RecommendAsync("s", 10)).GetProperty("recommendations").Strings();
        var cold = (await client.RecommendAsync("fresh", 100)).GetProperty("recommendations").Strings();

        Assert.DoesNotContain(before[0], after);
        Assert.Equal(10, after.Distinct().Count());
        Assert.Equal(before[1], after[0]);
        Assert.DoesNotContain(before[0], cold);
        Assert.Equal(100, cold.Length);

        await client.PutItemAsync(before[0], """{"available":true}""");
        Assert.Equal(before, (await client.RecommendAsync("s", 10)).GetProperty("recommendations").Strings());
    }

    [Fact]
    public async Task A_batch_takes_a_json_array_or_json_lines_and_counts_what_it_changed()
    {
        var client = _factory.CreateClient();
        var array = await client.PostBatchAsync("""[{"item_id":"B-1","name":"One","category":"gifts"},{"item_id":"P00002","available":false}]""");
        var lines = await client.PostBatchAsync("{\"item_id\":\"B-2\",\"category\":\"gifts\"}\n\n{\"item_id\":\"B-1\",\"name\":\"Uno\"}\r\n", "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, array.StatusCode);
        var first = await array.ReadJsonAsync();
        Assert.Equal(1, first.GetProperty("created").GetInt32());
        Assert.Equal(1, first.GetProperty("updated").GetInt32());
        var second = await lines.ReadJsonAsync();
        Assert.Equal(1, second.GetProperty("created").GetInt32());
        Assert.Equal(1, second.GetProperty("updated").GetInt32());
        var b1 = await (await client.GetAsync("/api/v1/items/B-1", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("Uno", b1.GetProperty("name").GetString());
        Assert.Equal("gifts", b1.GetProperty("category").GetString());
        var changes = await (await client.GetAsync("/api/v1/catalog/changes", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(["B-1", "B-2", "P00002", "B-1"], changes.EnumerateArray().Select(c => c.GetProperty("item_id").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_batch_of_ten_thousand_is_accepted_and_one_more_is_refused()
    {
        var client = _factory.CreateClient();
        string Batch(int n) => "[" + string.Join(',', Enumerable.Range(0, n).Select(i => $"{{\"item_id\":\"X{i}\",\"category\":\"bulk\"}}")) + "]";

        var full = await client.PostBatchAsync(Batch(10_000));
        var over = await client.PostBatchAsync(Batch(10_001).Replace("\"X", "\"Y", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(10_000, (await full.ReadJsonAsync()).GetProperty("created").GetInt32());
        await ShopClient.AssertProblemAsync(over, 400, "body");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/items/Y0", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task New_items_the_model_does_not_know_enter_the_cold_start_bandit()
    {
        var client = _factory.CreateClient();
        await client.PutItemAsync("LAUNCH-1", """{"name":"Launch","category":"gifts"}""");

        int shown = 0;
        for (int i = 0; i < 60; i++)
        {
            shown += (await client.RecommendAsync($"visitor-{i}", 10)).GetProperty("recommendations").Strings().Contains("LAUNCH-1") ? 1 : 0;
        }

        // One arm among 51 at the prior, 10 shown per slate: about one slate in five.
        Assert.InRange(shown, 1, 59);
    }

    public static TheoryData<string, string> BadPutBodies => new()
    {
        { """{"available":"no"}""", "available" },
        { """{"available":1}""", "available" },
        { """{"name":""}""", "name" },
        { """{"name":7}""", "name" },
        { "{\"name\":\"a\\u0001b\"}", "name" },
        { "{\"name\":\"\\ud800\"}", "name" },
        { $"{{\"name\":\"{new string('n', 1001)}\"}}", "name" },
        { """{"category":5}""", "category" },
        { $"{{\"category\":\"{new string('c', 129)}\"}}", "category" },
        { """{"properties":[1]}""", "properties" },
        { """{"properties":{"a":[1]}}""", "properties.a" },
        { """{"properties":{"a":{"b":1}}}""", "properties.a" },
        { """{"colour":"red"}""", "colour" },
        { "{\"\\ud800\":1}", "body" },
        { "{\"properties\":{\"\\ud800\":\"x\"}}", "properties" },
        { "{\"properties\":{\"note\":\"\\udc00\"}}", "properties.note" },
        { """[1]""", "body" },
        { """{"name":""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadPutBodies))]
    public async Task Bad_put_bodies_are_400_problems_naming_the_field_and_change_nothing(string body, string field)
    {
        var client = _factory.CreateClient();

        await ShopClient.AssertProblemAsync(await client.PutItemAsync("P00001", body), 400, field);
        await ShopClient.AssertProblemAsync(await client.PutItemAsync("BRAND-NEW", body), 400, field);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/items/BRAND-NEW", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Empty((await (await client.GetAsync("/api/v1/catalog/changes", TestContext.Current.CancellationToken)).ReadJsonAsync()).EnumerateArray());
    }

    public static TheoryData<string, string, string> BadBatches => new()
    {
        { "[]", "application/json", "body" },
        { "{}", "application/json", "line 1.item_id" },
        { """[{"name":"x"}]""", "application/json", "[0].item_id" },
        { """[{"item_id":"ok"},{"item_id":""}]""", "application/json", "[1].item_id" },
        { """[{"item_id":"ok"},{"item_id":"b","available":"yes"}]""", "application/json", "[1].available" },
        { """[{"item_id":"ok"},7]""", "application/json", "[1]" },
        { "{\"item_id\":\"ok\"}\n{oops\n", "application/x-ndjson", "line 2" },
        { "{\"item_id\":\"ok\"}\n{\"item_id\":\"b\",\"extra\":1}\n", "application/x-ndjson", "line 2.extra" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Bad_batches_are_400_problems_naming_the_entry_and_change_nothing(string body, string contentType, string field)
    {
        var client = _factory.CreateClient();

        await ShopClient.AssertProblemAsync(await client.PostBatchAsync(body, contentType), 400, field);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/items/ok", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_batch_that_is_not_json_is_a_415()
    {
        var client = _factory.CreateClient();
        var response = await client.PostBatchAsync("item_id\nA", "text/csv");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Catalog_writes_need_the_admin_role_once_keys_exist()
    {
        using var factory = new SessionRecFactory()
            .With("Auth:ApiKeys:0:Key", "public-key-0123456789abcdef").With("Auth:ApiKeys:0:Role", "public")
            .With("Auth:ApiKeys:1:Key", "admin-key-0123456789abcdef").With("Auth:ApiKeys:1:Role", "admin");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "public-key-0123456789abcdef");
        var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", "admin-key-0123456789abcdef");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutItemAsync("K1", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostBatchAsync("""[{"item_id":"K1"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutItemAsync("K1", "{}")).StatusCode);
    }

    [Fact]
    public async Task No_generated_catalog_body_causes_a_server_error_or_leaks_an_exception()
    {
        var client = _factory.CreateClient();
        var random = new Random(11);
        string[] fragments = ["{", "}", "[", "]", ",", ":", "\"item_id\"", "\"name\"", "\"category\"", "\"available\"", "\"properties\"",
            "\"x\"", "\"\"", "null", "true", "1e999", "-0", "\"\\u0000\"", "\"\\ud800\"", "{\"\\ud800\":1}", "\"\\udc00x\"", "\n", " "];
        for (int i = 0; i < 400; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 16)).Select(_ => fragments[random.Next(fragments.Length)]));
            var bytes = Encoding.UTF8.GetBytes(text);
            if (i % 5 == 0 && bytes.Length > 0)
            {
                bytes[random.Next(bytes.Length)] = 0xC3; // invalid UTF-8 somewhere
            }

            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new(i % 2 == 0 ? "application/json" : "application/x-ndjson");
            var response = i % 3 == 0
                ? await client.PutAsync("/api/v1/items/F1", content, TestContext.Current.CancellationToken)
                : await client.PostAsync("/api/v1/items/batch", content, TestContext.Current.CancellationToken);
            var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {text}: {answer}");
            Assert.DoesNotContain("Exception", answer, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _factory.Dispose();
}
