using System.Collections.Concurrent;
using System.Diagnostics;
using SessionRec.Core.Telemetry;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Dashboard;

public sealed class TracingTests
{
    [Fact]
    public async Task Recommend_is_traced_with_spans_for_session_read_model_and_bandit_without_session_ids()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SessionRecTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var factory = new SessionRecFactory();
        var client = factory.CreateClient();
        const string session = "trace-secret-session";

        await client.RecommendAsync(session); // cold start: bandit
        await client.ClickAsync(session, "P00001");
        await client.ClickAsync(session, "P00013");
        await client.RecommendAsync(session); // model
        await client.DeleteAsync($"/api/v1/sessions/{session}", TestContext.Current.CancellationToken);

        var names = stopped.Where(a => a.Source.Name == SessionRecTelemetry.Name).Select(a => a.OperationName).ToHashSet();
        Assert.Superset(new HashSet<string> { "session.read", "session.append", "bandit.choose", "model.rank" }, names);
        var modelSpan = stopped.First(a => a.OperationName == "model.rank");
        Assert.NotNull(modelSpan.Parent); // nested in the request's span
        foreach (var activity in stopped)
        {
            Assert.DoesNotContain(session, activity.DisplayName, StringComparison.Ordinal);
            Assert.All(activity.TagObjects, tag => Assert.DoesNotContain(session, tag.Value?.ToString() ?? "", StringComparison.Ordinal));
        }
    }
}
