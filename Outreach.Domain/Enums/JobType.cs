namespace Outreach.Domain.Enums;

/// <summary>What a processing job runs.</summary>
public enum JobType
{
    /// <summary>Enrichment only.</summary>
    Enrichment,
    /// <summary>Analysis and email generation only.</summary>
    Generation,
    /// <summary>Enrichment, analysis and generation.</summary>
    FullPipeline,
}
