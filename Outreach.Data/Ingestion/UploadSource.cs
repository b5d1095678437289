namespace Outreach.Data.Ingestion;

/// <summary>Where an uploaded file came from: its blob coordinates and the campaign segment of its path.</summary>
/// <param name="Container">Storage container (prospect-uploads).</param>
/// <param name="BlobName">Full blob name, <c>{campaign}/{file}</c>.</param>
/// <param name="ETag">The blob version's ETag.</param>
/// <param name="SizeBytes">The blob's size, checked before reading.</param>
/// <param name="CampaignReference">The campaign id or name from the path; null for a file outside a campaign folder (which fails).</param>
/// <param name="WorkflowSessionId">The console wizard's session the file was staged for, which the batch joins; null for a drop or a post.</param>
public sealed record UploadSource(string Container, string BlobName, string ETag, long SizeBytes, string? CampaignReference, Guid? WorkflowSessionId = null);
