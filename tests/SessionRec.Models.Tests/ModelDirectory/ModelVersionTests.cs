using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Tests.ModelDirectory;

public sealed class ModelVersionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("version").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_same_files_give_the_same_version_anywhere_and_any_change_another()
    {
        string a = Write("a", ("manifest.json", "{}"), ("items.txt", "x\ny\n"), ("parts/one/items.txt", "x\n"));
        string b = Write("b", ("manifest.json", "{}"), ("items.txt", "x\ny\n"), ("parts/one/items.txt", "x\n"));
        string changed = Write("c", ("manifest.json", "{}"), ("items.txt", "x\nz\n"), ("parts/one/items.txt", "x\n"));
        string renamed = Write("d", ("manifest.json", "{}"), ("items.txt", "x\ny\n"), ("parts/two/items.txt", "x\n"));
        var ct = TestContext.Current.CancellationToken;

        string version = await ModelVersion.ComputeAsync(a, ct);

        Assert.Equal(ModelVersion.Length, version.Length);
        Assert.Equal(version, await ModelVersion.ComputeAsync(b, ct));
        Assert.NotEqual(version, await ModelVersion.ComputeAsync(changed, ct));
        Assert.NotEqual(version, await ModelVersion.ComputeAsync(renamed, ct));
    }

    private string Write(string name, params (string Path, string Text)[] files)
    {
        string dir = Path.Combine(_root, name);
        foreach (var (path, text) in files)
        {
            string full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return dir;
    }
}
