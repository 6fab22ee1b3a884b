using System.Net;
using SessionRec.Core.Items;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>Finding 7 of issue 10: <c>/api/v1/model</c> revealed the model's file path.</summary>
public sealed class ModelInfoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("model-info").FullName;

    [Fact]
    public async Task The_model_endpoint_names_the_model_directory_without_its_path()
    {
        PopularityModelStore.Save(_dir, new PopularityModel(new ItemVocabulary(["a", "b"]), [0, 2, 1]));
        ModelFiles.WriteManifest(_dir, new ModelManifest { Type = PopularityModel.TypeName });
        using var factory = new SessionRecFactory().With("Model:Path", _dir + Path.DirectorySeparatorChar);

        var response = await factory.CreateClient().GetAsync("/api/v1/model", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Path.GetDirectoryName(_dir)!, text, StringComparison.Ordinal);
        Assert.Equal(Path.GetFileName(_dir), (await response.ReadJsonAsync()).GetProperty("source").GetString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
