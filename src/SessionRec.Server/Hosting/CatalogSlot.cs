using SessionRec.Core.Catalog;

namespace SessionRec.Server.Hosting;

/// <summary>
/// The catalog <see cref="ServingStartup"/> reads. Start-up completes before the server accepts requests, so
/// everything that resolves <see cref="ItemCatalog"/> (endpoints, the serving flows) finds it set.
/// </summary>
public sealed class CatalogSlot
{
    private ItemCatalog? _current;

    public ItemCatalog Current =>
        Volatile.Read(ref _current) ?? throw new InvalidOperationException("The catalog is read at start-up; nothing may use it before.");

    /// <summary>The catalog, or null until start-up has read it (health asks without failing).</summary>
    public ItemCatalog? Published => Volatile.Read(ref _current);

    public void Publish(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Volatile.Write(ref _current, catalog);
    }
}
