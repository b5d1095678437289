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
    /// <summary>Approved emails pushed to a sequencer as leads (not a pipeline run: never "the" job a batch's status reports).</summary>
    Push,
}
