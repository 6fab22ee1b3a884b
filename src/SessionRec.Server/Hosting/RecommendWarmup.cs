using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SessionRec.Server.Security;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Sends one stateless <c>/recommend</c> through the real HTTP pipeline as soon as the server listens, so the JIT of
/// routing, body parsing, ranking and serialisation is paid by the service and not by the first visitor (whose
/// request otherwise shows as a p99 spike of a few hundred milliseconds on the dashboard). A stateless call stores
/// nothing; the request carries this process's random <see cref="Token"/>, so the latency window leaves it out.
/// Best effort: when the server has no plain-HTTP address (the in-memory test server, HTTPS only) or the call fails,
/// only a debug line is written. <c>Hosting:WarmUp=false</c> turns it off.
/// </summary>
public sealed partial class RecommendWarmup(
    IServer server,
    IHostApplicationLifetime lifetime,
    CatalogSlot catalog,
    IOptions<AuthOptions> auth,
    IConfiguration configuration,
    ILogger<RecommendWarmup> logger) : BackgroundService
{
    public const string Header = "X-SessionRec-Warmup";

    /// <summary>Per process and never sent to clients, so a client cannot hide its requests from the latency window.</summary>
    public static readonly string Token = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Hosting:WarmUp", defaultValue: true))
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(Loopback).FirstOrDefault(a => a is not null);
        string? item = catalog.Published?.Ids.FirstOrDefault();
        if (address is null || item is null)
        {
            return;
        }

        long began = Stopwatch.GetTimestamp();
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Post, RecommendLatencyMiddleware.Path)
            {
                Content = new StringContent($$"""{"items":[{{System.Text.Json.JsonSerializer.Serialize(item)}}],"k":10}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(Header, Token);
            if (auth.Value.ApiKeys.FirstOrDefault() is { } key)
            {
                request.Headers.Add("X-Api-Key", key.Key);
            }

            using var response = await client.SendAsync(request, stoppingToken);
            LogWarmed(logger, (int)response.StatusCode, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            LogSkipped(logger, e.GetType().Name);
        }
    }

    /// <summary>A plain-HTTP listening address as this host reaches it; wildcard hosts become the loopback address.</summary>
    private static Uri? Loopback(string address)
    {
        string normalized = address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp ? uri : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed the recommend path: {Status} in {Milliseconds:F0} ms.")]
    private static partial void LogWarmed(ILogger logger, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped the recommend warm-up ({Reason}).")]
    private static partial void LogSkipped(ILogger logger, string reason);
}
