using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace SessionRec.Client;

public static class SessionRecServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SessionRecClient"/> as a typed HttpClient: base address and API key from
    /// <paramref name="configure"/>, and a resilience handler that retries answers 429 and 503 (the service stored
    /// nothing) after their <c>Retry-After</c>, at most <see cref="SessionRecClientOptions.MaxRetries"/> times.
    /// </summary>
    public static IHttpClientBuilder AddSessionRecClient(this IServiceCollection services, Action<SessionRecClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SessionRecClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "SessionRecClientOptions.BaseAddress must be an absolute URI.")
            .Validate(o => o.MaxRetries >= 0, "SessionRecClientOptions.MaxRetries must be ≥ 0.");

        var builder = services.AddHttpClient<SessionRecClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<SessionRecClientOptions>>().Value;
            http.BaseAddress = options.BaseAddress;
            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
            }
        });
        builder.AddResilienceHandler("sessionrec", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<SessionRecClientOptions>>().Value;
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    ShouldRetryAfterHeader = true,
                    MaxDelay = options.MaxRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }
}
