using BenchmarkDotNet.Attributes;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Sasrec;

namespace SessionRec.Benchmarks.Serving;

/// <summary>
/// SASRec as served: ONNX Runtime encoder plus the exact SIMD top-K over the item embeddings, one session at a time.
/// Uses the model directory in SESSIONREC_MODEL when set (e.g. one trained on amazon-beauty); otherwise writes a
/// model of the same shape (12,101 items, d = 64, 2 blocks) with random weights: speed does not depend on the values.
/// </summary>
[MemoryDiagnoser]
public class SasrecServingBenchmarks
{
    private EmbeddingModel _model = null!;
    private string? _temporary;
    private int[] _session = [];
    private readonly ScoredItem[] _top = new ScoredItem[10];

    [Params(3, 50)]
    public int SessionLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string? directory = Environment.GetEnvironmentVariable("SESSIONREC_MODEL");
        if (string.IsNullOrEmpty(directory))
        {
            directory = _temporary = Directory.CreateTempSubdirectory("sasrec-bench").FullName;
            WriteRandomModel(directory, items: 12_101);
        }

        var vocabulary = ModelFiles.ReadItems(directory);
        _model = SasrecArtifact.Load(directory, vocabulary);
        var random = new Random(1);
        _session = [.. Enumerable.Range(0, SessionLength).Select(_ => random.Next(1, vocabulary.Count + 1))];
        _model.Recommend(_session, _session, _top); // warm the per-length ONNX binding
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        if (_temporary is not null)
        {
            Directory.Delete(_temporary, recursive: true);
        }
    }

    [Benchmark(Description = "encode + exact top-10 of 12,101 items")]
    public int Recommend() => _model.Recommend(_session, _session, _top);

    internal static void WriteRandomModel(string directory, int items)
    {
        var weights = new SasrecWeights(new SasrecConfig { ItemCount = items, Dim = 64, Blocks = 2, Heads = 1, MaxLen = 50, FfnDim = 64 });
        var random = new Random(7);
        foreach (var table in new[] { weights.ItemEmbedding, weights.PositionEmbedding }.Concat(weights.Blocks.SelectMany(b => new[] { b.Wq, b.Wk, b.Wv, b.Wo, b.W1, b.W2 })))
        {
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = (float)((random.NextDouble() - 0.5) * 0.2);
            }
        }

        Array.Clear(weights.ItemEmbedding, 0, 64);
        SasrecArtifactWriter.Write(weights, directory);
        ModelFiles.WriteItems(directory, new ItemVocabulary(Enumerable.Range(1, items).Select(i => $"i{i}")));
        ModelFiles.WriteManifest(directory, new ModelManifest { Type = SasrecArtifact.ModelName });
    }
}
