using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using SessionRec.Core.Ranking;

namespace SessionRec.Models.Sasrec;

/// <summary>
/// Serves a session encoder that follows docs/model-contract.md through ONNX Runtime: one
/// <see cref="InferenceSession"/> with single-threaded intra-op execution (requests are the unit of parallelism),
/// and per-caller workspaces of pinned input/output buffers bound once per session length (see
/// <see cref="EncoderWorkspace"/>), so a warm request allocates nothing. Thread-safe: concurrent callers take
/// different workspaces from a pool.
/// </summary>
public sealed class OnnxSessionEncoder : ISessionEncoder, IDisposable
{
    private readonly InferenceSession _session;
    private readonly ConcurrentBag<EncoderWorkspace> _workspaces = [];
    private readonly string[] _inputNames = [OnnxEncoderContract.InputName];
    private readonly string[] _outputNames = [OnnxEncoderContract.OutputName];
    private bool _disposed;

    /// <param name="modelPath">An ONNX file following the model contract.</param>
    /// <param name="itemCount">N: valid item indices are 0..N (0 is padding).</param>
    /// <param name="maxLen">Used only when the model carries no <c>max_len</c> metadata.</param>
    public OnnxSessionEncoder(string modelPath, int itemCount, int? maxLen = null)
        : this(CreateSession(options => new InferenceSession(modelPath, options)), itemCount, maxLen)
    {
    }

    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="itemCount">N: valid item indices are 0..N (0 is padding).</param>
    /// <param name="maxLen">Used only when the model carries no <c>max_len</c> metadata.</param>
    public OnnxSessionEncoder(byte[] model, int itemCount, int? maxLen = null)
        : this(CreateSession(options => new InferenceSession(model, options)), itemCount, maxLen)
    {
    }

    private OnnxSessionEncoder(InferenceSession session, int itemCount, int? maxLen)
    {
        _session = session;
        try
        {
            ItemCount = itemCount;
            (Dimension, MaxLen) = OnnxEncoderContract.Check(session, maxLen);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public int Dimension { get; }

    /// <summary>The longest window the model accepts; longer sessions keep their newest items.</summary>
    public int MaxLen { get; }

    public int ItemCount { get; }

    public void Encode(ReadOnlySpan<int> session, Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"Destination length must be {Dimension}.", nameof(destination));
        }

        var items = SessionWindow.Select(session, MaxLen, ItemCount);
        if (!_workspaces.TryTake(out var workspace))
        {
            workspace = new EncoderWorkspace(_session, MaxLen, Dimension);
        }

        try
        {
            var input = workspace.Input;
            for (int i = 0; i < items.Length; i++)
            {
                input[i] = items[i];
            }

            _session.RunWithBinding(workspace.RunOptions, workspace.BindingForLength(items.Length));
            workspace.Output.CopyTo(destination);
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    /// <summary>
    /// Encodes several sessions in one run, left-padding them to the longest (after keeping the newest
    /// <see cref="MaxLen"/> items); <paramref name="destination"/> is [sessions.Count, Dimension]. For offline
    /// evaluation throughput; allocates its tensors.
    /// </summary>
    public void EncodeBatch(IReadOnlyList<int[]> sessions, Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(sessions);
        if (destination.Length != sessions.Count * Dimension)
        {
            throw new ArgumentException("Destination must be [sessions, Dimension].", nameof(destination));
        }

        if (sessions.Count == 0)
        {
            return;
        }

        int width = 1;
        foreach (var session in sessions)
        {
            width = Math.Max(width, Math.Min(session.Length, MaxLen));
        }

        var input = new long[sessions.Count * width];
        for (int s = 0; s < sessions.Count; s++)
        {
            var items = SessionWindow.Select(sessions[s], MaxLen, ItemCount);
            int offset = (s * width) + width - items.Length;
            for (int i = 0; i < items.Length; i++)
            {
                input[offset + i] = items[i];
            }
        }

        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [sessions.Count, width]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, [inputValue], _outputNames);
        outputs[0].GetTensorDataAsSpan<float>().CopyTo(destination);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_workspaces.TryTake(out var workspace))
        {
            workspace.Dispose();
        }

        _session.Dispose();
    }

    private static InferenceSession CreateSession(Func<SessionOptions, InferenceSession> create)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // With one intra-op thread there is nothing to spin for; spinning would only steal the other core.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return create(options);
    }
}
