using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SessionRec.Vectors.Qdrant;

namespace SessionRec.Vectors.Tests.Qdrant;

/// <summary>What can be checked without a Qdrant server; the contract itself runs when QDRANT_URL is set.</summary>
public class QdrantItemIndexTests
{
    [Fact]
    public async Task An_unreachable_server_fails_within_the_timeout_instead_of_hanging()
    {
        // A port that was free a moment ago: nothing listens, so the connection is refused.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new QdrantIndexOptions { Url = $"http://127.0.0.1:{port}", Timeout = TimeSpan.FromSeconds(2) };

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<Exception>(() => QdrantItemIndex.OpenAsync(options, 8, TestContext.Current.CancellationToken));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_missing_url_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => QdrantItemIndex.OpenAsync(new QdrantIndexOptions(), 8, TestContext.Current.CancellationToken));
    }
}
