using SessionRec.Tensors;
using SessionRec.Training.Sasrec;

namespace SessionRec.Benchmarks;

/// <summary>
/// Times one SASRec training step of the CLI's default shape (1 block, d = 128, 128 × 20 positions, 12,102 items, full
/// cross-entropy) and its pieces, to show where a step's time goes beyond the GEMMs.
/// </summary>
public static class TrainStepReport
{
    private const int Batch = 128, T = 20, D = 128, Items = 12101, Blocks = 1, Heads = 1;

    private static bool cpuClock;

    /// <summary>Seconds: thread CPU time for one thread (robust on shared cores), wall clock otherwise.</summary>
    private static double Now() => cpuClock ? ThreadCpuClock.Seconds() : System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;

    public static void Run(int threads)
    {
        cpuClock = threads == 1;
        TensorEngine.ThreadCount = threads;
        var rng = new DeterministicRandom(1);

        // The trainer's own network and objective, so the figures are what training runs.
        var config = new SasrecConfig { ItemCount = Items, Dim = D, Blocks = Blocks, Heads = Heads, MaxLen = T, FfnDim = D };
        var network = new SasrecNetwork(SasrecWeightsFactory.Initialize(config, 0.05f, rng));
        var opt = new AdamW(new AdamOptions { LearningRate = 1e-3f, WeightDecay = 0.01f, MaxGradNorm = 1f });
        foreach (var (parameter, decay) in network.Parameters)
        {
            opt.Add(parameter, decay);
        }

        int[][] inputs = [.. Enumerable.Range(0, Batch).Select(_ => Enumerable.Range(0, T).Select(_ => rng.NextInt(1, Items + 1)).ToArray())];
        int[][] next = [.. Enumerable.Range(0, Batch).Select(_ => Enumerable.Range(0, T).Select(_ => rng.NextInt(1, Items + 1)).ToArray())];
        var batch = SasrecBatch.Create(inputs, next);
        var dropRng = new DeterministicRandom(2);
        var tape = new Tape();

        Tensor Forward() => SasrecObjective.Loss(
            tape, network, network.Encode(tape, batch, 0.2f, dropRng), batch, SasrecLoss.CrossEntropy, 0, dropRng);

        double fwd = 0, bwd = 0, step = 0;
        const int steps = 6;
        for (int i = 0; i < steps + 1; i++)
        {
            double t0 = Now();
            var loss = Forward();
            double t1 = Now();
            tape.Backward(loss);
            double t2 = Now();
            opt.Step();
            double t3 = Now();
            tape.Reset();
            if (i > 0)
            {
                fwd += (t1 - t0) * 1e3 / steps;
                bwd += (t2 - t1) * 1e3 / steps;
                step += (t3 - t2) * 1e3 / steps;
            }
        }

        Console.WriteLine($"({(cpuClock ? "thread CPU time" : "wall clock")})");
        Console.WriteLine($"threads {threads}: forward {fwd:F1} ms, backward {bwd:F1} ms, AdamW {step:F1} ms per step of {Batch * T} positions");
        double scoring = 3 * 2.0 * Batch * T * D * (Items + 1);
        Console.WriteLine($"  scoring GEMMs alone: {scoring / 1e9:F1} GFLOP -> at 100 GFLOP/s {scoring / 1e8:F1} ms");

        OpTimes(tape, rng);
    }

    private static void OpTimes(Tape tape, DeterministicRandom rng)
    {
        int n = Batch * T;
        Tensor R(params int[] shape)
        {
            var data = new float[shape.Aggregate(1, (a, b) => a * b)];
            rng.FillUniform(data, 1f);
            return Tensor.Parameter(data, shape);
        }

        var x = R(n, D);
        var w = R(D, D);
        var b = R(D);
        var g = R(D);
        var k = R(n, D);
        var v = R(n, D);
        var logits = R(n, Items + 1);
        var q50 = R(Batch * 50, D);
        var k50 = R(Batch * 50, D);
        var v50 = R(Batch * 50, D);
        var targets = Enumerable.Range(0, n).Select(i => i % Items + 1).ToArray();
        var cases = new (string Name, Func<Tensor> Run)[]
        {
            ($"Linear+GELU [{n}x{D}]", () => tape.Linear(x, w, b, Activation.Gelu)),
            ($"Linear [{n}x{D}]", () => tape.Linear(x, w, b)),
            ($"LayerNorm [{n}x{D}]", () => tape.LayerNorm(x, g, b)),
            ($"Attention {Batch}x{T}, 1 head", () => tape.CausalSelfAttention(x, k, v, Batch, 1)),
            ($"Attention {Batch}x50, 2 heads", () => tape.CausalSelfAttention(q50, k50, v50, Batch, 2)),
            ($"CrossEntropy [{n}x{Items + 1}]", () => tape.CrossEntropy(logits, targets)),
            ($"Dropout [{n}x{D}]", () => tape.Dropout(x, 0.2f, rng)),
        };
        foreach (var (name, run) in cases)
        {
            double f = 0, bw = 0;
            for (int i = 0; i < 6; i++)
            {
                double t0 = Now();
                var y = run();
                double t1 = Now();
                var loss = y.Length == 1 ? y : tape.RowDot(tape.Reshape(y, 1, y.Length), tape.Reshape(y, 1, y.Length));
                double t2 = Now();
                tape.Backward(loss);
                double t3 = Now();
                tape.Reset();
                if (i > 0)
                {
                    f += (t1 - t0) * 1e3 / 5;
                    bw += (t3 - t2) * 1e3 / 5;
                }
            }

            Console.WriteLine($"  {name,-28} forward {f,7:F2} ms   backward(+loss) {bw,7:F2} ms");
        }
    }
}
