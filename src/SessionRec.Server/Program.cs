using System.Text.Json;
using SessionRec.Server.Endpoints;
using SessionRec.Server.Hosting;
using SessionRec.Server.Security;
using SessionRec.Server.Telemetry;

var builder = WebApplication.CreateBuilder(args);

// The README's run command serves here; --urls or ASPNETCORE_URLS moves it.
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:8000");
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.DictionaryKeyPolicy = null;
});
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
{
    // Swagger UI at /docs renders this as the page header, which is how the docs link to the dashboard.
    document.Info.Title = "SessionRec API";
    document.Info.Description = "Privacy-first, real-time session recommendations. [Live dashboard](/dashboard) · [Home](/)";
    return Task.CompletedTask;
}));
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
    .MapAdminModelEndpoints()
    .MapAdminExperimentEndpoints();
// Open, so load balancers can probe it without a key.
api.MapGroup("")
    .RequireRateLimiting(ApiRoles.Public)
    .MapHealthEndpoints();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
