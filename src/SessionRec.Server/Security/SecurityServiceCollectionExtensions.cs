using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Security;

/// <summary>API keys and roles, rate limits, forwarded headers, CORS and security headers.</summary>
public static partial class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSessionRecSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .Validate(o => o.IsValid(), "Auth:ApiKeys: every key needs a Key of at least 16 characters and a Role of 'public' or 'admin'.")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.IsValid(), "RateLimits: PermitsPerSecond and Burst must be at least 1 in every group, and MaxTrackedSessions at least 1.")
            .ValidateOnStart();
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName);
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)) && o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "Proxy: KnownProxies must be IP addresses and KnownNetworks CIDR networks (e.g. 10.0.0.0/8).")
            .ValidateOnStart();

        // The core services only: AddAuthentication() would bring Data Protection, which writes a key ring to disk
        // at start, and API keys need none of it.
        services.AddWebEncoders();
        services.AddAuthenticationCore(o =>
        {
            o.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, displayName: null);
            o.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
        });
        services.AddTransient<ApiKeyAuthenticationHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.Public, p => p.RequireRole(ApiRoles.Public))
            .AddPolicy(ApiRoles.Admin, p => p.RequireRole(ApiRoles.Admin));

        services.AddSingleton<SessionRateLimiter>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                return new ValueTask(Problems.TooManyRequests(context.HttpContext, retryAfter, "Too many requests from this address; retry after the given delay.")
                    .ExecuteAsync(context.HttpContext));
            };
            o.AddPolicy(ApiRoles.Public, context => PerAddress(context, o => o.Public));
            o.AddPolicy(ApiRoles.Admin, context => PerAddress(context, o => o.Admin));
        });

        // Forwarded headers are believed only from configured proxies; otherwise the middleware does nothing.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            if (!proxy.Value.IsConfigured)
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // Kestrel's limits (slow clients, connections, header timeout) from "Kestrel:Limits"; defaults in appsettings.json.
        services.AddOptions<KestrelServerOptions>().BindConfiguration("Kestrel").Configure<IConfiguration>((kestrel, configuration) =>
        {
            // Data rates have no setters for the binder: built here from their two settings.
            kestrel.Limits.MinRequestBodyDataRate = DataRate(configuration, "MinRequestBodyDataRate", kestrel.Limits.MinRequestBodyDataRate);
            kestrel.Limits.MinResponseDataRate = DataRate(configuration, "MinResponseDataRate", kestrel.Limits.MinResponseDataRate);
        });

        // The router answers 415 itself for a declared non-JSON body; say what it wants.
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
            {
                context.ProblemDetails.Detail ??= "The request body must be JSON, sent with 'Content-Type: application/json'.";
            }
        });

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) =>
        {
            if (settings.Value.Origins.Length > 0)
            {
                cors.AddDefaultPolicy(p => p
                    .WithOrigins(settings.Value.Origins)
                    .WithMethods("GET", "POST", "DELETE")
                    .WithHeaders("Content-Type", ApiKeyAuthenticationHandler.HeaderName, "Authorization")
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
            }
        });
        return services;
    }

    /// <summary>Security headers and forwarded headers first (before anything answers), then the static files.</summary>
    public static IApplicationBuilder UseSessionRecSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeadersMiddleware>().UseForwardedHeaders();

    /// <summary>After routing: CORS (answers preflights), keys, roles, then the per-address limits of each endpoint group.</summary>
    public static IApplicationBuilder UseSessionRecAccessControl(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.ApiKeys.Count == 0)
        {
            LogOpen(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("SessionRec.Server.Security"));
        }

        return app.UseCors().UseAuthentication().UseAuthorization().UseRateLimiter();
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<RateLimitOptions, TokenBucket> group)
    {
        var bucket = group(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => bucket.ToLimiterOptions());
    }

    private static MinDataRate? DataRate(IConfiguration configuration, string name, MinDataRate? current)
    {
        var section = configuration.GetSection("Kestrel:Limits:" + name);
        return section.Exists()
            ? new MinDataRate(section.GetValue("BytesPerSecond", current?.BytesPerSecond ?? 240), section.GetValue("GracePeriod", current?.GracePeriod ?? TimeSpan.FromSeconds(5)))
            : current;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys configured (Auth:ApiKeys): the service is open, every endpoint answers anyone. Configure keys before exposing it.")]
    private static partial void LogOpen(ILogger logger);
}
