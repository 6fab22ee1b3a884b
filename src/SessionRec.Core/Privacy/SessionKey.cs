namespace SessionRec.Core.Privacy;

/// <summary>
/// A session's storage key: the keyed hash of its id, never the id itself. Everything the service stores or
/// indexes about a session is addressed by this, so a store dump reveals no client-supplied id.
/// </summary>
public readonly record struct SessionKey(string Value)
{
    public override string ToString() => Value;
}
