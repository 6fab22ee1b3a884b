namespace SessionRec.Server.Security;

/// <summary>
/// The two roles of API keys, used as authorization policy names too. <c>public</c> keys are safe to ship in a
/// browser (click, recommend, feedback, items, delete); <c>admin</c> keys also read metrics, the model and the docs.
/// </summary>
public static class ApiRoles
{
    public const string Public = "public";
    public const string Admin = "admin";
}
