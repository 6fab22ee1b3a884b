namespace SessionRec.Core.Sessions;

/// <summary>What appending a click did.</summary>
/// <param name="Stored">False when the click's event id was already recorded for this session (a client's retry).</param>
/// <param name="FirstOfItem">
/// True the first time in the session's life that it clicks this item: only such clicks count for trending, so one
/// session cannot make an item trend by clicking it over and over.
/// </param>
public readonly record struct ClickAppend(bool Stored, bool FirstOfItem)
{
    public static ClickAppend Repeated => new(false, false);
}
