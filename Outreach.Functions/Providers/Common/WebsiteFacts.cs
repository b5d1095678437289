namespace Outreach.Functions.Providers.Common;

/// <summary>Company-level facts from the website.</summary>
public sealed record WebsiteFacts(string Website, string Summary, string Source);
