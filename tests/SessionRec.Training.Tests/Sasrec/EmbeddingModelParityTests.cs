using Google.Protobuf;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Onnx;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

public sealed class EmbeddingModelParityTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sasrec-artifact-{Guid.NewGuid():N}");

    private static readonly SasrecConfig Config = new()
    {
        ItemCount = 40, Dim = 16, Blocks = 2, Heads = 2, MaxLen = 10, FfnDim = 16, Activation = "gelu",
    };

    [Fact]
    public void A_written_directory_serves_the_reference_ranking_with_exclusions()
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 21);
        var vocabulary = new ItemVocabulary(Enumerable.Range(1, Config.ItemCount).Select(i => $"item-{i}"));
        SasrecArtifactWriter.Write(weights, _directory);
        using var model = SasrecArtifact.Load(_directory, vocabulary);
        var reference = new SasrecReferenceEncoder(weights);
        var rng = new Random(8);

        foreach (int length in new[] { 1, 4, Config.MaxLen + 3 })
        {
            var session = RandomSasrecWeights.Session(rng, length, Config.ItemCount);
            var top = new ScoredItem[10];

            int n = model.Recommend(session, exclude: session, top);

            var query = new float[Config.Dim];
            reference.Encode(session, query);
            var expected = Enumerable.Range(1, Config.ItemCount)
                .Where(i => !session.Contains(i))
                .Select(i => (Index: i, Score: Dot(weights.ItemEmbedding.AsSpan(i * Config.Dim, Config.Dim), query)))
                .OrderByDescending(x => x.Score)
                .ToArray();
            Assert.Equal(10, n);
            Assert.Equal("sasrec", model.Name);
            Assert.DoesNotContain(top, x => session.Contains(x.Index) || x.Index == 0);
            for (int k = 0; k < n; k++)
            {
                // Scores from ONNX and the reference agree to 1e-4; the ranking may only differ among near-ties.
                Assert.Equal(expected[k].Score, top[k].Score, 1e-3);
            }

            Assert.Equal(expected[0].Index, top[0].Index);
        }
    }

    [Fact]
    public void Loading_rejects_a_vocabulary_of_another_size()
    {
        SasrecArtifactWriter.Write(RandomSasrecWeights.Create(Config, seed: 22), _directory);
        var wrong = new ItemVocabulary(Enumerable.Range(1, Config.ItemCount - 1).Select(i => $"item-{i}"));

        Assert.Throws<ModelDirectoryException>(() => SasrecArtifact.Load(_directory, wrong));
    }

    [Fact]
    public void The_shared_model_loader_opens_a_sasrec_directory()
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 25);
        var vocabulary = new ItemVocabulary(Enumerable.Range(1, Config.ItemCount).Select(i => $"item-{i}"));
        SasrecArtifactWriter.Write(weights, _directory);
        ModelFiles.WriteItems(_directory, vocabulary);
        ModelFiles.WriteManifest(_directory, new ModelManifest { Type = SasrecArtifact.ModelName });

        var model = ModelLoader.Load(_directory);
        try
        {
            var top = new ScoredItem[5];
            Assert.Equal("sasrec", model.Name);
            Assert.Equal(Config.ItemCount, model.Vocabulary.Count);
            Assert.Equal(5, model.Recommend([1, 2, 3], [1, 2, 3], top));
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void A_model_without_max_len_metadata_needs_it_from_the_caller()
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 26);
        var proto = SasrecOnnxExporter.Build(weights);
        proto.MetadataProps.Clear();
        var bytes = proto.ToByteArray();

        Assert.Throws<InvalidDataException>(() => new OnnxSessionEncoder(bytes, Config.ItemCount));
        using var encoder = new OnnxSessionEncoder(bytes, Config.ItemCount, maxLen: Config.MaxLen);
        var expected = new float[Config.Dim];
        var actual = new float[Config.Dim];
        int[] session = [.. Enumerable.Range(1, Config.MaxLen + 2)];
        new SasrecReferenceEncoder(weights).Encode(session, expected);
        encoder.Encode(session, actual);
        SasrecReferenceEncoderTests.AssertClose(expected, actual, 1e-4f);
    }

    [Fact]
    public void The_item_table_on_disk_is_the_trained_embedding()
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 23);
        SasrecArtifactWriter.Write(weights, _directory);

        var table = NpyFile.Read(Path.Combine(_directory, SasrecArtifact.ItemEmbeddingsFileName));

        Assert.Equal(Config.ItemCount + 1, table.Rows);
        Assert.Equal(Config.Dim, table.Columns);
        Assert.Equal(weights.ItemEmbedding, table.Data);
    }

    [Fact]
    public void Composition_with_the_reference_encoder_ranks_by_inner_product()
    {
        var weights = RandomSasrecWeights.Create(Config, seed: 24);
        var vocabulary = new ItemVocabulary(Enumerable.Range(1, Config.ItemCount).Select(i => $"item-{i}"));
        var encoder = new SasrecReferenceEncoder(weights);
        using var model = new EmbeddingModel(
            "sasrec", vocabulary, encoder, new ExactItemIndex(weights.ItemEmbedding, Config.Dim));
        int[] session = [5, 9, 12];
        var top = new ScoredItem[Config.ItemCount];

        int n = model.Recommend(session, exclude: [9], top);

        var query = new float[Config.Dim];
        encoder.Encode(session, query);
        Assert.Equal(Config.ItemCount - 1, n);
        Assert.DoesNotContain(top[..n], x => x.Index == 9);
        Assert.True(top[..n].ToArray().Zip(top[1..n].ToArray(), (a, b) => a.Score >= b.Score).All(x => x));
        Assert.Equal(Dot(weights.ItemEmbedding.AsSpan(top[0].Index * Config.Dim, Config.Dim), query), top[0].Score, 1e-5);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
