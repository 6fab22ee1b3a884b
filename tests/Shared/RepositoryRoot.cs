using System.Runtime.CompilerServices;

namespace SessionRec.Testing;

/// <summary>The folder holding SessionRec.slnx, found from the test binaries or, failing that, from this source file.</summary>
internal static class RepositoryRoot
{
    public static string? TryFind() => Find(AppContext.BaseDirectory) ?? Find(SourceDirectory());

    public static string Require() => TryFind() ?? throw new InvalidOperationException("SessionRec.slnx not found above the test binaries or sources.");

    // Builds may put binaries outside the tree (SESSIONREC_ARTIFACTS), so the source file's own path is the fallback.
    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file) ?? ".";

    private static string? Find(string start)
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
