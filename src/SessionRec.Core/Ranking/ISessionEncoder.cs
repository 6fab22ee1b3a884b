namespace SessionRec.Core.Ranking;

/// <summary>Turns a session (dense item indices, oldest first) into a vector in the item-embedding space.</summary>
public interface ISessionEncoder
{
    int Dimension { get; }

    /// <summary>Writes the session embedding into <paramref name="destination"/> (length <see cref="Dimension"/>).</summary>
    void Encode(ReadOnlySpan<int> session, Span<float> destination);
}
