using SessionRec.Tensors;
using SessionRec.Training.Sasrec;

namespace SessionRec.Benchmarks;

/// <summary>
/// Times one SASRec training step of the CLI's default shape (1 block, d = 128, the low-pass branch at α 0.9,
/// 128 × 20 positions, 12,102 items, full cross-entropy) and its pieces, to show where a step's time goes beyond the
/// GEMMs.
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
        var config = new SasrecConfig
        {
            ItemCount = Items, Dim = D, Blocks = Blocks, Heads = Heads, MaxLen = T, FfnDim = D, FilterAlpha = 0.9f,
        };
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

        // Warm-up first: a training run spends minutes in these methods, so it runs them fully optimized, while the
        // JIT promotes a method from its quick first tier only after enough calls and a quiet moment; a few seconds of
        // steps get every kernel there (and settle the tape's pool).
        const int warmup = 20, steps = 10;
        double fwd = 0, bwd = 0, step = 0;
        for (int i = 0; i < warmup + steps; i++)
        {
            double t0 = Now();
            var loss = Forward();
            double t1 = Now();
            tape.Backward(loss);
            double t2 = Now();
            opt.Step();
            double t3 = Now();
            tape.Reset();
            if (i >= warmup)
            {
                fwd += (t1 - t0) * 1e3 / steps;
                bwd += (t2 - t1) * 1e3 / steps;
                step += (t3 - t2) * 1e3 / steps;
            }
        }

        Console.WriteLine($"({(cpuClock ? "thread CPU time" : "wall clock")}, mean of {steps} steps after {warmup} warm-up steps)");
        Console.WriteLine($"threads {threads}: forward {fwd:F1} ms, backward {bwd:F1} ms, AdamW {step:F1} ms per step of {Batch * T} positions");

        // Every product of the step: the three catalog-wide scoring GEMMs, and per block six d × d linears and the
        // attention products (QKᵀ and PV forward, four backward), each linear three times (forward, dX, dW).
        double n = Batch * T;
        double scoring = 3 * 2.0 * n * D * (Items + 1);
        double linears = Blocks * 6 * 3 * 2.0 * n * D * D;
        double attention = Blocks * 6 * 2.0 * Batch * T * T * D;
        double matmul = scoring + linears + attention;
        double total = fwd + bwd + step;
        double stepRate = matmul / (total * 1e6);
        double ceiling = ScoreGemmRate(rng);
        Console.WriteLine($"  matmul work {matmul / 1e9:F2} GFLOP per step ({scoring / matmul:P0} scoring) -> {stepRate:F1} GFLOP/s over the whole step");
        Console.WriteLine($"  the scoring GEMM alone in this run: {ceiling:F1} GFLOP/s; matmul share of the step: {stepRate / ceiling:P0} of it");

        OpTimes(tape, rng);
    }

    /// <summary>The kernel ceiling: the step's largest GEMM (scores = H·Eᵀ) on its own, best of five.</summary>
    private static double ScoreGemmRate(DeterministicRandom rng)
    {
        int rows = Batch * T, items = Items + 1;
        var h = new float[rows * D];
        var e = new float[items * D];
        var scores = new float[rows * items];
        rng.FillUniform(h, 1f);
        rng.FillUniform(e, 1f);
        double best = double.MaxValue;
        for (int i = 0; i < 6; i++)
        {
            double t0 = Now();
            Gemm.Multiply(false, true, rows, items, D, h, e, scores);
            double t = Now() - t0;
            if (i > 0)
            {
                best = Math.Min(best, t);
            }
        }

        return 2.0 * rows * items * D / (best * 1e9);
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
        var sqrtBeta = R(D);
        var lags = LowPassFilter.LagWeights(50, 3);
        var realRows = Enumerable.Repeat(1f, n).ToArray();
        var realRows50 = Enumerable.Repeat(1f, Batch * 50).ToArray();
        var cases = new (string Name, Func<Tensor> Run)[]
        {
            ($"Linear+GELU [{n}x{D}]", () => tape.Linear(x, w, b, Activation.Gelu)),
            ($"Linear [{n}x{D}]", () => tape.Linear(x, w, b)),
            ($"LayerNorm [{n}x{D}]", () => tape.LayerNorm(x, g, b)),
            ($"Attention {Batch}x{T}, 1 head", () => tape.CausalSelfAttention(x, k, v, Batch, 1)),
            ($"Attention {Batch}x50, 2 heads", () => tape.CausalSelfAttention(q50, k50, v50, Batch, 2)),
            ($"CrossEntropy [{n}x{Items + 1}]", () => tape.CrossEntropy(logits, targets)),
            ($"Dropout [{n}x{D}]", () => tape.Dropout(x, 0.2f, rng)),
            ($"CausalLowPass {Batch}x{T}", () => tape.CausalLowPass(x, sqrtBeta, lags, Batch, realRows)),
            ($"CausalLowPass {Batch}x50", () => tape.CausalLowPass(q50, sqrtBeta, lags, Batch, realRows50)),
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
