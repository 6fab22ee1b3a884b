namespace SessionRec.Models.Sasrec;

/// <summary>
/// The input rules every SASRec encoder applies, so the reference forward and the ONNX encoder see the same tokens:
/// only the newest <c>maxLen</c> items count, and an empty session is one padding token (its embedding is then the
/// final layer norm's bias, a fixed "no history" vector, rather than an error).
/// </summary>
public static class SessionWindow
{
    private static readonly int[] EmptySession = [0];

    public static ReadOnlySpan<int> Select(ReadOnlySpan<int> session, int maxLen, int itemCount)
    {
        if (session.IsEmpty)
        {
            return EmptySession;
        }

        var window = session.Length > maxLen ? session[^maxLen..] : session;
        foreach (int item in window)
        {
            if ((uint)item > (uint)itemCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(session), item, $"Item index must be in 0..{itemCount} (0 is padding).");
            }
        }

        return window;
    }
}
