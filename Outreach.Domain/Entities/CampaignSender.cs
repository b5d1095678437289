namespace Outreach.Domain.Entities;

/// <summary>Who signs a campaign's emails; any part may be missing.</summary>
/// <param name="Name">The sender's name.</param>
/// <param name="Title">The sender's job title.</param>
/// <param name="Company">The sender's company.</param>
public sealed record CampaignSender(string? Name, string? Title, string? Company);
