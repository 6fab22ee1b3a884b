using Grpc.Core;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;

namespace SessionRec.Vectors.Qdrant;

/// <summary>
/// Item index in a Qdrant collection over gRPC, shared by every replica: points keyed by dense item index, Dot
/// distance, payload <c>category</c> and <c>available</c>. Exclusions and availability are a server-side payload
/// filter, so Qdrant returns K results without oversampling. Writes wait for Qdrant to apply them
/// (<c>wait=true</c>), so a search after a completed write sees it. Thread-safe (the gRPC client is).
/// <see cref="Search"/> blocks its thread on the network; async callers should use <see cref="SearchAsync"/>.
/// </summary>
public sealed class QdrantItemIndex : IMutableItemIndex
{
    public const string CategoryField = "category";
    public const string AvailableField = "available";

    private static readonly WithPayloadSelector NoPayload = new() { Enable = false };

    private readonly QdrantClient _client;
    private readonly QdrantIndexOptions _options;
    private readonly SearchParams _searchParams;

    private QdrantItemIndex(QdrantClient client, QdrantIndexOptions options, int dimension)
    {
        _client = client;
        _options = options;
        Dimension = dimension;
        _searchParams = new SearchParams { HnswEf = (ulong)options.HnswEf };
    }

    public int Dimension { get; }

    public string Collection => _options.Collection;

    /// <summary>
    /// Connects and makes sure the collection exists with Dot distance and <paramref name="dimension"/>; an existing
    /// collection of another size or distance is an error rather than being dropped, since other replicas may use it.
    /// </summary>
    public static async Task<QdrantItemIndex> OpenAsync(
        QdrantIndexOptions options, int dimension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            throw new ArgumentException("Qdrant Url is required.", nameof(options));
        }

        var client = new QdrantClient(new Uri(options.Url), options.ApiKey, options.Timeout);
        try
        {
            await EnsureCollectionAsync(client, options.Collection, dimension, cancellationToken).ConfigureAwait(false);
            return new QdrantItemIndex(client, options, dimension);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        var results = new ScoredItem[destination.Length];
        int n = SearchAsync(query.ToArray(), exclude.ToArray(), results).AsTask().GetAwaiter().GetResult();
        results.AsSpan(0, n).CopyTo(destination);
        return n;
    }

    public async ValueTask<int> SearchAsync(
        ReadOnlyMemory<float> query,
        ReadOnlyMemory<int> exclude,
        Memory<ScoredItem> destination,
        CancellationToken cancellationToken = default)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"Query length must be {Dimension}.", nameof(query));
        }

        if (destination.IsEmpty)
        {
            return 0;
        }

        var points = await _client.QueryAsync(
            _options.Collection,
            query: query.ToArray(),
            filter: BuildFilter(exclude.Span),
            searchParams: _searchParams,
            limit: (ulong)destination.Length,
            payloadSelector: NoPayload,
            cancellationToken: cancellationToken).ConfigureAwait(false);

        var span = destination.Span;
        int count = 0;
        foreach (var point in points)
        {
            // Qdrant already applied the filter; the index check guards against foreign points in a shared collection.
            if (count < span.Length && point.Id.Num is > 0 and <= int.MaxValue)
            {
                span[count++] = new ScoredItem((int)point.Id.Num, point.Score);
            }
        }

        return count;
    }

    public async Task UpsertAsync(IReadOnlyList<ItemUpsert> items, CancellationToken cancellationToken = default)
    {
        ItemTable.Validate(items, Dimension);

        // One Qdrant batch may apply duplicate ids in any order; keep only the last entry of each, as the contract says.
        var last = new Dictionary<int, ItemUpsert>(items.Count);
        foreach (var item in items)
        {
            last[item.Index] = item;
        }

        foreach (var chunk in last.Values.Chunk(_options.UpsertBatchSize))
        {
            var points = new List<PointStruct>(chunk.Length);
            foreach (var item in chunk)
            {
                var point = new PointStruct { Id = (ulong)item.Index, Vectors = item.Vector.ToArray() };
                point.Payload[AvailableField] = item.Available;
                if (item.Category is not null)
                {
                    point.Payload[CategoryField] = item.Category;
                }

                points.Add(point);
            }

            await _client.UpsertAsync(_options.Collection, points, wait: true, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(IReadOnlyList<int> indices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var ids = indices.Where(i => i > 0).Select(i => (ulong)i).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await _client.DeleteAsync(_options.Collection, ids, wait: true, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Drops the whole collection (all replicas lose it); for tests and re-provisioning.</summary>
    public Task DropCollectionAsync(CancellationToken cancellationToken = default) =>
        _client.DeleteCollectionAsync(_options.Collection, cancellationToken: cancellationToken);

    public void Dispose() => _client.Dispose();

    private static Filter BuildFilter(ReadOnlySpan<int> exclude)
    {
        var filter = new Filter();
        filter.Must.Add(Conditions.Match(AvailableField, true));
        if (!exclude.IsEmpty)
        {
            var ids = new List<ulong>(exclude.Length);
            foreach (int index in exclude)
            {
                if (index > 0)
                {
                    ids.Add((ulong)index);
                }
            }

            filter.MustNot.Add(Conditions.HasId(ids));
        }

        return filter;
    }

    private static async Task EnsureCollectionAsync(
        QdrantClient client, string collection, int dimension, CancellationToken cancellationToken)
    {
        if (!await client.CollectionExistsAsync(collection, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await client.CreateCollectionAsync(
                    collection,
                    new VectorParams { Size = (ulong)dimension, Distance = Distance.Dot },
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                // Every search filters on availability; an index keeps that filter cheap as the catalog grows.
                await client.CreatePayloadIndexAsync(
                    collection, AvailableField, PayloadSchemaType.Bool, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                // Another replica created it between our check and our create; fall through to the shape check.
            }
        }

        var info = await client.GetCollectionInfoAsync(collection, cancellationToken).ConfigureAwait(false);
        var vectors = info.Config.Params.VectorsConfig.Params;
        if (vectors is null || vectors.Size != (ulong)dimension || vectors.Distance != Distance.Dot)
        {
            throw new InvalidOperationException(
                $"Qdrant collection '{collection}' exists with vectors {vectors?.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(named)"}/{vectors?.Distance}, " +
                $"but the model needs {dimension}/Dot. Use another ItemIndex:Qdrant:Collection or drop it.");
        }
    }
}
