using SessionRec.Models.Sasrec;
using SessionRec.Tensors;
using SessionRec.Training.Onnx;
using SessionRec.Training.Sasrec;
using SessionRec.Training.Tests.Sasrec;

namespace SessionRec.Training.Tests.Onnx;

/// <summary>
/// The forward being trained (the network in inference mode, which validation ranks with) against ONNX Runtime running
/// the exported graph of the same trained weights, directly rather than each through the reference encoder.
/// </summary>
public class TrainedNetworkOnnxParityTests
{
    [Theory]
    [InlineData(1, 1, 0f)]
    [InlineData(2, 2, 0f)]
    [InlineData(2, 1, 0.7f)]
    public void Trained_weights_encode_the_same_in_the_training_forward_and_in_onnx_runtime(int blocks, int heads, float filterAlpha)
    {
        var data = SyntheticSequences.Successors(users: 120, items: 30, minLength: 2, maxLength: 14, seed: blocks + heads);
        var options = new SasrecTrainingOptions
        {
            Dim = 16, Blocks = blocks, Heads = heads, MaxLen = 10, Dropout = 0.2f, AttentionDropout = 0.2f,
            LearningRate = 5e-3f, BatchSize = 32, Epochs = 2, Seed = 3, Threads = 1, FilterAlpha = filterAlpha,
        };
        var weights = SasrecTrainer.Train(data.Sequences, data.Vocabulary, validation: null, options).Weights;
        var network = new SasrecNetwork(weights);
        using var onnx = new OnnxSessionEncoder(SasrecOnnxExporter.ToBytes(weights), weights.Config.ItemCount);
        var rng = new Random(5);
        int[][] sessions = [.. new[] { 1, 2, 5, options.MaxLen, options.MaxLen + 4 }
            .Select(n => RandomSasrecWeights.Session(rng, n, weights.Config.ItemCount))];
        int d = options.Dim;
        var fromOnnx = new float[sessions.Length * d];
        onnx.EncodeBatch(sessions, fromOnnx);

        // The training forward on one left-padded batch (windows cut to max length as the encoder does).
        int[][] windows = [.. sessions.Select(s => s[Math.Max(0, s.Length - options.MaxLen)..])];
        var batch = SasrecBatch.Create(windows);
        var hidden = network.Encode(Tape.Inference(), batch, options.Dropout, new DeterministicRandom(1), options.AttentionDropout);
        for (int s = 0; s < sessions.Length; s++)
        {
            var last = hidden.Data.AsSpan(((s * batch.Length) + batch.Length - 1) * d, d);
            SasrecReferenceEncoderTests.AssertClose(last.ToArray(), fromOnnx.AsSpan(s * d, d), 1e-4f);
        }
    }
}
