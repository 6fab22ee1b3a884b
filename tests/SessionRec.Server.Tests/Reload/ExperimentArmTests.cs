using System.Net;
using System.Text.Json;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Reload;

/// <summary>Experiments:Arms: each session served by its arm's model, per-arm figures, reweighting and per-arm reload.</summary>
public sealed class ExperimentArmTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("arms").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SessionRecFactory TwoArms() => new SessionRecFactory()
        .With("Experiments:Arms:0:Name", "knn").With("Experiments:Arms:0:Model:Path", ModelDirectories.Vsknn(_root, "vsknn")).With("Experiments:Arms:0:Weight", "1")
        .With("Experiments:Arms:1:Name", "pop").With("Experiments:Arms:1:Model:Path", ModelDirectories.Popularity(_root, "popularity")).With("Experiments:Arms:1:Weight", "1");

    [Fact]
    public async Task Each_session_stays_in_its_arm_and_each_arm_reports_its_own_figures()
    {
        using var factory = TwoArms();
        var client = factory.CreateClient();
        var armOf = new Dictionary<string, string>();
        for (int s = 0; s < 60; s++)
        {
            for (int click = 0; click < 3; click++)
            {
                await client.ClickAsync($"s{s}", $"item{(s * 11 + click * 5) % 300 + 1}");
                var rec = await client.RecommendAsync($"s{s}", 10);
                string arm = rec.GetProperty("arm").GetString()!;
                Assert.Equal(arm == "knn" ? "vsknn" : "popularity", rec.GetProperty("model").GetString());
                Assert.Equal(armOf.GetValueOrDefault($"s{s}", arm), arm);
                armOf[$"s{s}"] = arm;
            }
        }

        var arms = (await client.MetricsAsync()).GetProperty("arms").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
        Assert.Equal(2, arms.Count);
        foreach (var (name, arm) in arms)
        {
            int sessions = armOf.Values.Count(a => a == name);
            Assert.True(sessions > 10, $"{name}: {sessions} of 60 sessions");
            Assert.Equal(3 * sessions, arm.GetProperty("requests").GetInt64());
            // Each recommendation but the last of a session was resolved by the session's next click.
            Assert.Equal(2 * sessions, arm.GetProperty("resolved_recommendations").GetInt64());
            // Every session had clicked before it asked, so every resolved recommendation was the model's.
            Assert.Equal(2 * sessions, arm.GetProperty("model_resolved_recommendations").GetInt64());
            Assert.True(arm.GetProperty("p99_latency_ms").GetDouble() > 0);
        }

        Assert.Equal(JsonValueKind.Null, arms["knn"].GetProperty("vs_control").ValueKind);
        var vs = arms["pop"].GetProperty("vs_control");
        Assert.Equal("knn", vs.GetProperty("control").GetString());
        Assert.True(vs.GetProperty("ci95_low").GetDouble() <= vs.GetProperty("difference_points").GetDouble());
        var model = await (await client.GetAsync("/api/v1/model", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(["knn", "pop"], model.GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("arm").GetString()!));
    }

    [Fact]
    public async Task Arms_are_reweighted_and_reloaded_without_a_restart()
    {
        using var factory = TwoArms();
        var client = factory.CreateClient();

        var reweighted = await client.PostJsonAsync("/api/v1/admin/experiments/weight", """{"arm":"pop","percent":100}""");
        Assert.Equal(HttpStatusCode.OK, reweighted.StatusCode);
        for (int s = 0; s < 20; s++)
        {
            await client.ClickAsync($"r{s}", "item3");
            Assert.Equal("pop", (await client.RecommendAsync($"r{s}")).GetProperty("arm").GetString());
        }

        string sasrec = ModelDirectories.Sasrec(_root, "sasrec");
        var reloaded = await client.PostJsonAsync("/api/v1/admin/model/reload", JsonSerializer.Serialize(new { arm = "pop", path = sasrec }));
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        var rec = await client.RecommendAsync("r0");
        Assert.Equal(("pop", "sasrec"), (rec.GetProperty("arm").GetString(), rec.GetProperty("model").GetString()));
        // The control is untouched.
        var model = await (await client.GetAsync("/api/v1/model", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("vsknn", model.GetProperty("name").GetString());

        var unknown = await client.PostJsonAsync("/api/v1/admin/model/reload", """{"arm":"nope"}""");
        var badShare = await client.PostJsonAsync("/api/v1/admin/experiments/weight", """{"arm":"pop","percent":101}""");
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badShare.StatusCode);
    }

    [Fact]
    public async Task Without_arms_there_is_no_arm_field_value_and_no_per_arm_figures()
    {
        using var factory = new SessionRecFactory();
        var client = factory.CreateClient();
        await client.ClickAsync("s", "P00001");

        var rec = await client.RecommendAsync("s");
        var reweight = await client.PostJsonAsync("/api/v1/admin/experiments/weight", """{"arm":"a","percent":50}""");

        Assert.Equal(JsonValueKind.Null, rec.GetProperty("arm").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await client.MetricsAsync()).GetProperty("arms").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, reweight.StatusCode);
        var problem = await reweight.ReadJsonAsync();
        Assert.Equal("The request conflicts with the service's configuration.", problem.GetProperty("title").GetString());
        Assert.Contains("Experiments:Arms", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_arms_stop_the_start_naming_the_setting()
    {
        using var factory = new SessionRecFactory()
            .With("Experiments:Arms:0:Name", "a").With("Experiments:Arms:0:Model:Path", "x")
            .With("Experiments:Arms:1:Name", "a").With("Experiments:Arms:1:Model:Path", "y");
        Assert.Contains("Experiments:Arms", factory.StartUpFailure(), StringComparison.Ordinal);
    }
}
