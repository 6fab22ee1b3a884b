using SessionRec.Core.Catalog;
using SessionRec.Core.Items;
using SessionRec.Models.Data;

namespace SessionRec.Models.Demo;

/// <summary>
/// A seeded, synthetic shop for the fresh-clone demo: the service needs a catalog and a session log to build its
/// first model without any download, and the structure must be realistic enough that the model visibly beats
/// popularity. Structure:
/// <list type="bullet">
/// <item>Items belong to categories and, within a category, to small collections (a product line, 8 items).</item>
/// <item>Popularity is long-tailed: Zipf (exponent ~1) over a random permutation of the catalog.</item>
/// <item>Session length is 1 + Geometric(0.25), capped at 30 (mean about 4 clicks).</item>
/// <item>Each next click: 45% the next item of the current collection (sequential browsing), 30% a popular item of
/// the same category, 10% an item of the same collection, 10% a popular item anywhere (category switch), 5% a
/// re-click of an earlier item.</item>
/// </list>
/// Same seed, same data, on every machine.
/// </summary>
public static class DemoDataGenerator
{
    private static readonly string[] Categories =
        ["skincare", "makeup", "haircare", "fragrance", "nails", "bath", "tools", "men", "suncare", "wellness", "kids", "gifts"];

    private static readonly string[] Adjectives =
        ["Hydrating", "Matte", "Radiant", "Gentle", "Daily", "Intense", "Velvet", "Pure", "Silk", "Botanical", "Classic", "Fresh", "Deep", "Bright", "Soft", "Night"];

    private static readonly string[] Nouns =
        ["Serum", "Cream", "Balm", "Mist", "Oil", "Gel", "Lotion", "Mask", "Cleanser", "Toner", "Palette", "Stick", "Spray", "Kit", "Brush", "Scrub"];

    public const int CollectionSize = 8;

    public const int DefaultItems = 1_200;

    public const int DefaultSessions = 20_000;

    public const int DefaultSeed = 42;

    public static DemoData Generate(int items = DefaultItems, int sessions = DefaultSessions, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, Categories.Length * CollectionSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        var random = new Random(seed);

        var catalog = new CatalogItem[items];
        var categoryOf = new int[items];
        for (int i = 0; i < items; i++)
        {
            int category = i % Categories.Length;
            categoryOf[i] = category;
            string id = $"P{i + 1:D5}";
            string name = $"{Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]} {i + 1}";
            var attributes = new Dictionary<string, string> { ["collection"] = $"{Categories[category]}-{(i / Categories.Length) / CollectionSize + 1}" };
            catalog[i] = new CatalogItem(id, name, Categories[category], attributes);
        }

        // Zipf weights over a random permutation, so popularity is independent of id order.
        var rank = Enumerable.Range(0, items).OrderBy(_ => random.Next()).ToArray();
        var weight = new double[items];
        for (int i = 0; i < items; i++)
        {
            weight[i] = 1.0 / (rank[i] + 1);
        }

        var byCategory = Enumerable.Range(0, Categories.Length)
            .Select(c => Enumerable.Range(0, items).Where(i => categoryOf[i] == c).ToArray())
            .ToArray();
        var global = new WeightedPicker(Enumerable.Range(0, items).ToArray(), weight);
        var perCategory = byCategory.Select(members => new WeightedPicker(members, weight)).ToArray();

        var log = new List<string[]>(sessions);
        var clicks = new List<int>(32);
        for (int s = 0; s < sessions; s++)
        {
            clicks.Clear();
            int length = 1;
            while (length < 30 && random.NextDouble() > 0.25)
            {
                length++;
            }

            int current = global.Pick(random);
            clicks.Add(current);
            while (clicks.Count < length)
            {
                int category = categoryOf[current];
                var members = byCategory[category];
                int position = Array.IndexOf(members, current);
                int collectionStart = position / CollectionSize * CollectionSize;
                double roll = random.NextDouble();
                int next = roll switch
                {
                    < 0.45 => members[Math.Min(collectionStart + ((position - collectionStart + 1) % CollectionSize), members.Length - 1)],
                    < 0.75 => perCategory[category].Pick(random),
                    < 0.85 => members[Math.Min(collectionStart + random.Next(CollectionSize), members.Length - 1)],
                    < 0.95 => global.Pick(random),
                    _ => clicks[random.Next(clicks.Count)],
                };
                clicks.Add(next);
                current = next;
            }

            log.Add([.. clicks.Select(i => catalog[i].ItemId)]);
        }

        var vocabulary = new ItemVocabulary(catalog.Select(c => c.ItemId));
        var sequences = log.Select(ids => ids.Select(id => vocabulary.TryGetIndex(id, out int x) ? x : 0).ToArray()).ToList();
        var dataset = new SessionDataset(vocabulary, sequences, [.. Enumerable.Range(1, sessions).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], "demo");
        return new DemoData(catalog, dataset);
    }

    /// <summary>Samples indices proportionally to weights by binary search over the cumulative sum.</summary>
    private sealed class WeightedPicker
    {
        private readonly int[] _members;
        private readonly double[] _cumulative;

        public WeightedPicker(int[] members, double[] weight)
        {
            _members = members;
            _cumulative = new double[members.Length];
            double sum = 0;
            for (int i = 0; i < members.Length; i++)
            {
                sum += weight[members[i]];
                _cumulative[i] = sum;
            }
        }

        public int Pick(Random random)
        {
            double x = random.NextDouble() * _cumulative[^1];
            int i = Array.BinarySearch(_cumulative, x);
            return _members[Math.Min(i < 0 ? ~i : i, _members.Length - 1)];
        }
    }
}

/// <summary>The generated catalog and its click log (dense indices through the catalog's vocabulary).</summary>
public sealed record DemoData(IReadOnlyList<CatalogItem> Catalog, SessionDataset Sessions);
