using SessionRec.Core.Privacy;

namespace SessionRec.Core.Experiments;

/// <summary>
/// Where a session falls in [0, 1), from its keyed id alone: the same on every replica (they share the HMAC secret)
/// and for the session's whole life, and unrelated to the id a client chose (the key is already a keyed hash, so
/// FNV-1a over it spreads evenly; no per-process seed, unlike string.GetHashCode).
/// </summary>
public static class ArmAssignment
{
    public static double Position(SessionKey session)
    {
        string value = session.Value ?? throw new ArgumentException("The session key is empty.", nameof(session));
        ulong hash = 14695981039346656037UL;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // Finalizer (splitmix64) so every bit of the key reaches the top 53 bits used below.
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
