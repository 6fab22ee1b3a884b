using SessionRec.Training.Sasrec;


namespace SessionRec.Training.Tests.Sasrec;

public class SasrecActivationTests
{
    // x·Φ(x) evaluated in high precision.
    [Theory]
    [InlineData(-3.0, -0.00404969409489031)]
    [InlineData(-1.0, -0.15865525393145707)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.34573123063700656)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(2.0, 1.9544997361036416)]
    public void Gelu_is_the_exact_erf_form(double x, double expected) =>
        Assert.Equal(expected, SasrecActivation.Gelu((float)x), 1e-6);

    [Fact]
    public void Gelu_differs_from_the_tanh_approximation_where_they_are_known_to_differ()
    {
        const float x = -3f;
        double tanhForm = 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x))));

        Assert.True(Math.Abs(SasrecActivation.Gelu(x) - tanhForm) > 1e-4);
    }

    [Fact]
    public void Relu_clamps_negatives()
    {
        Span<float> values = [-1f, 0f, 2f];

        SasrecActivation.Apply("relu", values);

        Assert.Equal([0f, 0f, 2f], values.ToArray());
    }
}
