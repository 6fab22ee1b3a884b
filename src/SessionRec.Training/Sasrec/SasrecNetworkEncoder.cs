using SessionRec.Core.Ranking;
using SessionRec.Models.Sasrec;
using SessionRec.Tensors;

namespace SessionRec.Training.Sasrec;

/// <summary>
/// The training network in inference mode (no dropout, nothing recorded) as a session encoder, so validation ranks
/// with the very forward being trained; the tests hold it equal to the reference encoder and to the exported ONNX
/// graph. One tape per call keeps concurrent calls (the evaluator runs in parallel) apart.
/// </summary>
public sealed class SasrecNetworkEncoder(SasrecNetwork network) : ISessionEncoder
{
    private static readonly DeterministicRandom NoDropout = new(0);

    public int Dimension => network.Config.Dim;

    public void Encode(ReadOnlySpan<int> session, Span<float> destination)
    {
        var config = network.Config;
        if (destination.Length != config.Dim)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values, expected {config.Dim}.", nameof(destination));
        }

        var items = SessionWindow.Select(session, config.MaxLen, config.ItemCount).ToArray();
        var hidden = network.Encode(Tape.Inference(), SasrecBatch.Create([items]), dropout: 0f, NoDropout);
        hidden.Data.AsSpan((items.Length - 1) * config.Dim, config.Dim).CopyTo(destination);
    }
}
