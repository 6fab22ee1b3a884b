using Microsoft.Extensions.Options;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Where a reload request may point (<c>Model:ReloadRoot</c>; by default the directory holding <c>Model:Path</c>, or
/// with an experiment the directories holding the arms' paths). A reload body's <c>path</c> reads the server's file
/// system, so only directories under the root an operator chose can be loaded that way; the configured paths
/// themselves are always allowed.
/// </summary>
public sealed class ReloadRoot
{
    private readonly string[] _roots;

    public ReloadRoot(IOptions<ModelOptions> model, IOptions<ExperimentOptions> experiments)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(experiments);
        IEnumerable<string?> roots = !string.IsNullOrWhiteSpace(model.Value.ReloadRoot)
            ? [model.Value.ReloadRoot]
            : [ParentOf(model.Value.Path), .. experiments.Value.Arms.Select(a => ParentOf(a.Model.Path))];
        _roots = [.. roots.OfType<string>().Select(Normalized).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>True when <paramref name="path"/> is a directory strictly under a root, as written and, for a symlink, where it points.</summary>
    public bool Allows(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Normalized(path);
        if (!Under(full))
        {
            return false;
        }

        // A link under the root that points elsewhere would load from outside it.
        var target = LinkTarget(full);
        return target is null || Under(Normalized(target));
    }

    /// <summary>Where a symlink finally points; null for a plain or missing directory (the loader then says what is wrong).</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private bool Under(string full) => _roots.Any(root =>
        full.Length > root.Length
        && full.StartsWith(root, StringComparison.Ordinal)
        && (full[root.Length] == Path.DirectorySeparatorChar || root.EndsWith(Path.DirectorySeparatorChar)));

    private static string? ParentOf(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));

    private static string Normalized(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
