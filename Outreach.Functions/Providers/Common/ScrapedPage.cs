namespace Outreach.Functions.Providers.Common;

/// <summary>A scraped page: where it ended up, its title and description, and its main content as markdown.</summary>
public sealed record ScrapedPage(string Url, string? Title, string? Description, string Text);
