using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace SessionRec.Redis.Tests.Infrastructure;

/// <summary>A real 3-node Redis Cluster (three primaries, no replicas) for the whole run.</summary>
public sealed class RedisCluster : IAsyncLifetime
{
    private readonly List<RedisServerProcess> _nodes = [];
    private IConnectionMultiplexer? _connection;

    public IReadOnlyList<RedisServerProcess> Nodes => _nodes;

    public string ConnectionString => string.Join(',', _nodes.Select(n => n.EndPoint));

    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        for (int i = 0; i < 3; i++)
        {
            // The bus port is chosen too: the default (port + 10000) may be taken on a shared machine.
            _nodes.Add(await RedisServerProcess.StartAsync(
                "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf",
                "--cluster-port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
                "--cluster-node-timeout", "5000"));
        }

        var (code, output) = await RedisCli.RunAsync(["--cluster", "create", .. _nodes.Select(n => n.EndPoint), "--cluster-replicas", "0", "--cluster-yes"]);
        if (code != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed: {output}");
        }

        await WaitUntilEveryNodeSaysOkAsync();
        _connection = await TestConnections.ConnectAsync(ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    private async Task WaitUntilEveryNodeSaysOkAsync()
    {
        var deadline = Stopwatch.StartNew();
        foreach (var node in _nodes)
        {
            while (true)
            {
                var (_, info) = await RedisCli.RunAsync("-h", "127.0.0.1", "-p", node.Port.ToString(CultureInfo.InvariantCulture), "CLUSTER", "INFO");
                if (info.Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    break;
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException($"The cluster did not reach state ok: {info}");
                }

                await Task.Delay(100);
            }
        }
    }
}
