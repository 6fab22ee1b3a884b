using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using StackExchange.Redis;

namespace SessionRec.Redis.Catalog;

/// <summary>
/// Catalog writes shared through Redis: every written entry is kept in one hash (so a replica that starts later
/// applies them over its seed file), and each batch is announced on a pub/sub channel that every replica subscribes
/// to, so availability changes reach the others within a round trip. Catalog data is the shop's, not a visitor's:
/// it does not expire.
/// </summary>
public sealed class RedisCatalogFeed : ICatalogFeed
{
    /// <summary>The hash of written entries, after the key prefix: the only key of ours that never expires.</summary>
    public const string ItemsKeySuffix = ":{catalog}:items";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKey _items;
    private readonly RedisChannel _channel;
    private readonly TimeSpan _timeout;
    // Tags this replica's announcements: it already applied them before publishing.
    private readonly string _origin = Guid.NewGuid().ToString("N");

    public RedisCatalogFeed(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _items = new RedisKey(options.Value.KeyPrefix + ItemsKeySuffix);
        _channel = RedisChannel.Literal($"{options.Value.KeyPrefix}:catalog:changes");
        _timeout = options.Value.OperationTimeout;
    }

    public async Task PublishAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        var entries = items.Select(i => new HashEntry(i.ItemId, JsonSerializer.Serialize(Entry.From(i), Json))).ToArray();
        var message = JsonSerializer.Serialize(new Announcement(_origin, [.. items.Select(Entry.From)]), Json);
        var db = _redis.GetDatabase();
        await RedisFailures.Guard(db.HashSetAsync(_items, entries), _timeout, cancellationToken);
        await RedisFailures.Guard(db.PublishAsync(_channel, message), _timeout, cancellationToken);
    }

    public async Task<IReadOnlyList<CatalogItem>> SubscribeAsync(Action<IReadOnlyList<CatalogItem>> apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        var queue = await RedisFailures.Guard(_redis.GetSubscriber().SubscribeAsync(_channel), _timeout, cancellationToken);
        // Ordered delivery: two writes of one item arrive in the order they were published.
        queue.OnMessage(message =>
        {
            var announcement = JsonSerializer.Deserialize<Announcement>((string)message.Message!, Json);
            if (announcement is not null && announcement.Origin != _origin)
            {
                apply([.. announcement.Items.Select(e => e.ToItem())]);
            }
        });
        var stored = await RedisFailures.Guard(_redis.GetDatabase().HashGetAllAsync(_items), _timeout, cancellationToken);
        return [.. stored.Select(e => JsonSerializer.Deserialize<Entry>((string)e.Value!, Json)!.ToItem())];
    }

    private sealed record Announcement(string Origin, Entry[] Items);

    private sealed record Entry(string ItemId, string Name, string Category, bool Available, Dictionary<string, string> Properties)
    {
        public static Entry From(CatalogItem item) =>
            new(item.ItemId, item.Name, item.Category, item.Available, new Dictionary<string, string>(item.Attributes, StringComparer.Ordinal));

        public CatalogItem ToItem() => new(ItemId, Name, Category, Properties, Available);
    }
}
