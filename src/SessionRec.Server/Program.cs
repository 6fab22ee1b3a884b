using System.Text.Json;
using SessionRec.Server.Endpoints;
using SessionRec.Server.Hosting;
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
builder.Services.AddSessionRecTelemetry(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseMiddleware<RecommendLatencyMiddleware>();

app.MapProbeEndpoints();
app.MapOpenApi();
app.MapPrometheusScrapingEndpoint("/metrics");
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "SessionRec API v1");
    o.RoutePrefix = "docs";
    o.DocumentTitle = "SessionRec API";
});

app.MapGroup("/api/v1")
    .WithTags("v1")
    .MapClickEndpoints()
    .MapRecommendEndpoints()
    .MapFeedbackEndpoints()
    .MapMetricsEndpoints()
    .MapHealthEndpoints()
    .MapSessionEndpoints()
    .MapItemEndpoints()
    .MapModelEndpoints();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
