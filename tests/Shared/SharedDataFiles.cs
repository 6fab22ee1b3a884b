namespace SessionRec.Testing;

/// <summary>
/// Finds the benchmark data in ../shared/data next to the repository (the folder holding SessionRec.slnx). Tests that
/// need it skip when it is absent, e.g. on a machine without the shared folder.
/// </summary>
internal static class SharedDataFiles
{
    public static string Require(string relativePath)
    {
        string? root = RepositoryRoot.TryFind();
        string? path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "data", relativePath));
        Assert.SkipWhen(path is null || !File.Exists(path), $"shared data file {relativePath} is not available");
        return path!;
    }
}
