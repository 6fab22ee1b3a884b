using Microsoft.ML.OnnxRuntime;

namespace SessionRec.Models.Sasrec;

/// <summary>
/// One caller's buffers for <see cref="OnnxSessionEncoder"/>: a pinned [1, max_len] id buffer and a pinned [1, dim]
/// output that ONNX Runtime writes into directly. For each session length t an I/O binding of the [1, t] view of
/// the ids is created on first use and kept, so a warm request binds and marshals nothing.
/// </summary>
internal sealed class EncoderWorkspace : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtValue _output;
    private readonly OrtValue?[] _inputs;
    private readonly OrtIoBinding?[] _bindings;

    public EncoderWorkspace(InferenceSession session, int maxLen, int dimension)
    {
        _session = session;
        Input = GC.AllocateArray<long>(maxLen, pinned: true);
        Output = GC.AllocateArray<float>(dimension, pinned: true);
        _output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, Output.AsMemory(), [1, dimension]);
        _inputs = new OrtValue?[maxLen + 1];
        _bindings = new OrtIoBinding?[maxLen + 1];
        RunOptions = new RunOptions();
    }

    public long[] Input { get; }

    public float[] Output { get; }

    public RunOptions RunOptions { get; }

    /// <summary>Binds the first <paramref name="length"/> ids of <see cref="Input"/> as item_seq [1, length].</summary>
    public OrtIoBinding BindingForLength(int length)
    {
        if (_bindings[length] is { } existing)
        {
            return existing;
        }

        var input = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, Input.AsMemory(0, length), [1, length]);
        _inputs[length] = input;
        var binding = _session.CreateIoBinding();
        binding.BindInput(OnnxEncoderContract.InputName, input);
        binding.BindOutput(OnnxEncoderContract.OutputName, _output);
        _bindings[length] = binding;
        return binding;
    }

    public void Dispose()
    {
        foreach (var binding in _bindings)
        {
            binding?.Dispose();
        }

        foreach (var input in _inputs)
        {
            input?.Dispose();
        }

        _output.Dispose();
        RunOptions.Dispose();
    }
}
