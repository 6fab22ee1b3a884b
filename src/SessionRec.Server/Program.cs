using System.Text.Json;
using System.Text.Json.Serialization;
using SessionRec.Server.Endpoints;
using SessionRec.Server.Hosting;
using SessionRec.Server.OpenApi;
using SessionRec.Server.Security;
using SessionRec.Server.Telemetry;

var builder = WebApplication.CreateBuilder(args);

// Port 8000 (the original service's) unless the standard settings choose: urls / ASPNETCORE_URLS, HTTP(S)_PORTS, Kestrel:Endpoints.
if (DefaultListenAddress.Applies(builder.Configuration))
{
    builder.WebHost.UseUrls(DefaultListenAddress.Url);
}

bool started = false;
StartupFailure.QuietenConsoleUntilStarted(builder.Logging, () => Volatile.Read(ref started));
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.DictionaryKeyPolicy = null;
    // Numbers are numbers: no "number or numeric string" in the schema, so generated clients get int and double.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddProblemDetails();
builder.Services.AddSessionRecOpenApi();
builder.Services.AddSessionRec();
builder.Services.AddSessionRecSecurity();
builder.Services.AddSessionRecTelemetry(builder.Configuration);

var app = builder.Build();

app.UseSessionRecSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
// The dashboard and docs pages are static shells without data; everything they fetch needs an admin key.
app.UseStaticFiles();
app.UseRouting();
app.UseSessionRecAccessControl();
app.UseMiddleware<RecommendLatencyMiddleware>();

// Probes stay open and unlimited: /alive checks nothing, /ready reads no backend.
app.MapProbeEndpoints();
app.MapOpenApi().RequireAuthorization(ApiRoles.Admin).RequireRateLimiting(ApiRoles.Admin);
app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(ApiRoles.Admin).RequireRateLimiting(ApiRoles.Admin);
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "SessionRec API v1");
    o.RoutePrefix = "docs";
    o.DocumentTitle = "SessionRec API";
    o.InjectJavascript("/dashboard/api-key.js"); // adds the admin key to the OpenAPI fetch when keys are configured
});

var api = app.MapGroup("/api/v1").WithTags("v1");
api.MapGroup("")
    .RequireAuthorization(ApiRoles.Public)
    .RequireRateLimiting(ApiRoles.Public)
    .MapClickEndpoints()
    .MapRecommendEndpoints()
    .MapFeedbackEndpoints()
    .MapSessionEndpoints()
    .MapItemEndpoints();
api.MapGroup("")
    .RequireAuthorization(ApiRoles.Admin)
    .RequireRateLimiting(ApiRoles.Admin)
    .MapMetricsEndpoints()
    .MapModelEndpoints()
    .MapCatalogEndpoints()
    .MapAdminModelEndpoints()
    .MapAdminExperimentEndpoints();
// Open, so load balancers can probe it without a key.
api.MapGroup("")
    .RequireRateLimiting(ApiRoles.Public)
    .MapHealthEndpoints();

app.Lifetime.ApplicationStarted.Register(() => Volatile.Write(ref started, true));
try
{
    app.Run();
    return 0;
}
catch (Exception e) when (!Volatile.Read(ref started) && StartupFailure.IsOwnProcess)
{
    Console.Error.WriteLine(StartupFailure.Describe(e));
    return StartupFailure.ExitCode;
}

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
