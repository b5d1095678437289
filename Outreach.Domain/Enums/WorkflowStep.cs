namespace Outreach.Domain.Enums;

/// <summary>The step a user-facing workflow session is on.</summary>
public enum WorkflowStep
{
    /// <summary>The CSV was uploaded.</summary>
    UploadCsv,
    /// <summary>Campaign settings were chosen.</summary>
    CampaignSettings,
    /// <summary>Enrichment sources were chosen.</summary>
    EnrichmentConfig,
    /// <summary>Enrichment is running.</summary>
    BeginEnrichment,
    /// <summary>Emails are being generated.</summary>
    EmailGeneration,
    /// <summary>The workflow finished.</summary>
    Completed,
}
