using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

/// <summary>
/// Compares tape gradients with central finite differences. The scalar under test is L = Σ wᵢ·outᵢ with fixed random
/// weights, summed in double; each input element is perturbed by ±eps and the forward re-run.
/// </summary>
internal static class GradientChecker
{
    /// <summary>Asserts ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) below <paramref name="tolerance"/> for every input.</summary>
    public static void Check(Func<Tape, Tensor> forward, Tensor[] inputs, double tolerance = 1e-3, float eps = 1e-2f, ulong seed = 7)
    {
        var probe = new Tape();
        var sample = forward(probe);
        var weights = new float[sample.Length];
        if (weights.Length == 1)
        {
            weights[0] = 1f;
        }
        else
        {
            new DeterministicRandom(seed).FillUniform(weights, 1f);
        }

        foreach (var p in inputs)
        {
            p.ZeroGrad();
        }

        var tape = new Tape();
        var output = forward(tape);
        var loss = tape.RowDot(tape.Reshape(output, 1, output.Length), tape.Constant(weights, 1, weights.Length));
        tape.Backward(loss);
        var analytic = inputs.Select(p => p.Grad is null ? new float[p.Length] : (float[])p.Grad.Clone()).ToArray();

        for (int t = 0; t < inputs.Length; t++)
        {
            var data = inputs[t].Data;
            var numeric = new double[data.Length];
            for (int i = 0; i < data.Length; i++)
            {
                float saved = data[i];
                data[i] = saved + eps;
                double plus = Evaluate(forward, weights);
                data[i] = saved - eps;
                double minus = Evaluate(forward, weights);
                data[i] = saved;
                numeric[i] = (plus - minus) / (2.0 * eps);
            }

            double diff = 0, na = 0, nn = 0;
            for (int i = 0; i < data.Length; i++)
            {
                diff += Math.Pow(analytic[t][i] - numeric[i], 2);
                na += Math.Pow(analytic[t][i], 2);
                nn += numeric[i] * numeric[i];
            }

            // The floor covers gradients that are zero in exact arithmetic (e.g. the key bias under softmax shift invariance).
            double rel = Math.Sqrt(diff) / Math.Max(Math.Sqrt(na) + Math.Sqrt(nn), 1e-4);
            Assert.True(rel < tolerance, $"Input {t} ({inputs[t]}): relative gradient error {rel:G3} (‖analytic‖ {Math.Sqrt(na):G3}, ‖numeric‖ {Math.Sqrt(nn):G3}).");
            Assert.True(Math.Sqrt(na) > 0 || Math.Sqrt(nn) == 0, $"Input {t}: no gradient reached it.");
        }
    }

    private static double Evaluate(Func<Tape, Tensor> forward, float[] weights)
    {
        var tape = new Tape();
        var output = forward(tape);
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += (double)weights[i] * output.Data[i];
        }

        return sum;
    }

    /// <summary>A parameter of the given shape filled uniformly in ±<paramref name="scale"/>.</summary>
    public static Tensor Random(DeterministicRandom rng, float scale, params int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var data = new float[n];
        rng.FillUniform(data, scale);
        return Tensor.Parameter(data, shape);
    }
}
