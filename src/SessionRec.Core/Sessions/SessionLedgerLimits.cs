using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SessionRec.Core.Sessions;

/// <summary>
/// Bounds of what a session remembers about its own contributions to the shared learning state, the same in every
/// store. A real visitor stays far inside them; a session past a bound simply stops contributing.
/// </summary>
public static class SessionLedgerLimits
{
    /// <summary>Distinct items a session counts for trending in its life (one count each).</summary>
    public const int MaxTrendingItems = 64;

    /// <summary>Distinct bandit arms a session rewards in its life (one reward each, success or failure).</summary>
    public const int MaxBanditArms = 128;

    /// <summary>Recent click event ids kept per session to recognise a client's retry.</summary>
    public const int MaxEventIds = 16;

    /// <summary>Longest client-chosen event id.</summary>
    public const int MaxEventIdLength = 128;

    /// <summary>A 64-bit digest of an event id: stores keep this, not the client's string.</summary>
    public static ulong EventDigest(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(eventId), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
