using System.Runtime.CompilerServices;

namespace SessionRec.Testing;

/// <summary>
/// Finds the benchmark data in ../shared/data next to the repository (the folder holding SessionRec.slnx). Tests that
/// need it skip when it is absent, e.g. on a machine without the shared folder.
/// </summary>
internal static class SharedDataFiles
{
    public static string Require(string relativePath)
    {
        string? root = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(SourceDirectory());
        string? path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "data", relativePath));
        Assert.SkipWhen(path is null || !File.Exists(path), $"shared data file {relativePath} is not available");
        return path!;
    }

    // Builds may put binaries outside the tree (SESSIONREC_ARTIFACTS), so the source file's own path is the fallback.
    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file) ?? ".";

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SessionRec.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
