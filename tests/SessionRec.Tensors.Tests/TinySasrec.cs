using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

/// <summary>
/// A one-block SASRec built from the engine's ops, as the trainer will build it: an end-to-end exercise of the API.
/// </summary>
internal sealed class TinySasrec
{
    private readonly int dim;
    private readonly int heads;

    public TinySasrec(int items, int dim, int maxLen, int ffn, int heads, ulong seed)
    {
        this.dim = dim;
        this.heads = heads;
        var rng = new DeterministicRandom(seed);
        Tensor P(float std, params int[] shape)
        {
            var data = new float[shape.Aggregate(1, (a, b) => a * b)];
            rng.FillTruncatedNormal(data, std);
            return Tensor.Parameter(data, shape);
        }

        Tensor Ones(int n) => Tensor.Parameter(Enumerable.Repeat(1f, n).ToArray(), n);
        Tensor Zeros(int n) => Tensor.Parameter(new float[n], n);

        ItemEmbedding = P(0.5f, items + 1, dim);
        Array.Clear(ItemEmbedding.Data, 0, dim);
        PositionEmbedding = P(0.5f, maxLen, dim);
        Ln1 = (Ones(dim), Zeros(dim));
        Wq = P(0.4f, dim, dim);
        Bq = P(0.1f, dim);
        Wk = P(0.4f, dim, dim);
        Bk = P(0.1f, dim);
        Wv = P(0.4f, dim, dim);
        Bv = P(0.1f, dim);
        Wo = P(0.4f, dim, dim);
        Bo = P(0.1f, dim);
        Ln2 = (Ones(dim), Zeros(dim));
        W1 = P(0.4f, dim, ffn);
        B1 = P(0.1f, ffn);
        W2 = P(0.4f, ffn, dim);
        B2 = P(0.1f, dim);
        LnF = (Ones(dim), Zeros(dim));
    }

    public Tensor ItemEmbedding { get; }
    public Tensor PositionEmbedding { get; }
    public (Tensor Gamma, Tensor Beta) Ln1 { get; }
    public Tensor Wq { get; }
    public Tensor Bq { get; }
    public Tensor Wk { get; }
    public Tensor Bk { get; }
    public Tensor Wv { get; }
    public Tensor Bv { get; }
    public Tensor Wo { get; }
    public Tensor Bo { get; }
    public (Tensor Gamma, Tensor Beta) Ln2 { get; }
    public Tensor W1 { get; }
    public Tensor B1 { get; }
    public Tensor W2 { get; }
    public Tensor B2 { get; }
    public (Tensor Gamma, Tensor Beta) LnF { get; }

    public Tensor[] Parameters =>
    [
        ItemEmbedding, PositionEmbedding, Ln1.Gamma, Ln1.Beta, Wq, Bq, Wk, Bk, Wv, Bv, Wo, Bo,
        Ln2.Gamma, Ln2.Beta, W1, B1, W2, B2, LnF.Gamma, LnF.Beta,
    ];

    /// <summary>Encodes left-padded sequences [batch, t] (0 = padding) into [batch·t, dim] hidden states.</summary>
    public Tensor Encode(Tape tape, int[] items, int batch, float dropout, DeterministicRandom rng)
    {
        int t = items.Length / batch;
        var mask = items.Select(i => i == 0 ? 0f : 1f).ToArray();
        var positions = Enumerable.Range(0, items.Length).Select(r => t - 1 - r % t).ToArray();
        var x = tape.Scale(tape.Embedding(ItemEmbedding, items), MathF.Sqrt(dim));
        x = tape.Add(x, tape.Embedding(PositionEmbedding, positions, paddingIndex: -1));
        x = tape.MulRowMask(tape.Dropout(x, dropout, rng), mask);

        var h = tape.LayerNorm(x, Ln1.Gamma, Ln1.Beta);
        var a = tape.CausalSelfAttention(tape.Linear(h, Wq, Bq), tape.Linear(h, Wk, Bk), tape.Linear(h, Wv, Bv), batch, heads, mask);
        x = tape.Add(x, tape.Dropout(tape.Linear(a, Wo, Bo), dropout, rng));

        h = tape.LayerNorm(x, Ln2.Gamma, Ln2.Beta);
        var f = tape.Linear(tape.Linear(h, W1, B1, Activation.Gelu), W2, B2);
        x = tape.MulRowMask(tape.Add(x, tape.Dropout(f, dropout, rng)), mask);
        return tape.LayerNorm(x, LnF.Gamma, LnF.Beta);
    }

    /// <summary>Full cross-entropy over the catalog at positions whose target is not padding.</summary>
    public Tensor FullLoss(Tape tape, int[] items, int[] targets, int batch, float dropout, DeterministicRandom rng)
    {
        var hidden = tape.Encode(this, items, batch, dropout, rng);
        var valid = Enumerable.Range(0, targets.Length).Where(r => items[r] != 0 && targets[r] != 0).ToArray();
        return tape.ScoredCrossEntropy(tape.GatherRows(hidden, valid), ItemEmbedding, valid.Select(r => targets[r]).ToArray());
    }
}

internal static class TinySasrecTapeExtensions
{
    public static Tensor Encode(this Tape tape, TinySasrec model, int[] items, int batch, float dropout, DeterministicRandom rng) =>
        model.Encode(tape, items, batch, dropout, rng);
}
