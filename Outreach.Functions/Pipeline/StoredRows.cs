using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

/// <summary>
/// Which of a prospect's step rows exist, read with the prospect: the checkpoints a resumed activity starts from, and
/// what tells a step to insert its row (one statement) rather than look for one to update.
/// </summary>
/// <param name="Enrichment">A prospect_enrichments row exists.</param>
/// <param name="Analysis">A prospect_analyses row exists.</param>
/// <param name="AnalysisCurrent">The analysis was written in the prospect's current generation step (after it last moved to GENERATING).</param>
/// <param name="Email">The generated_emails row's generation status; null when there is none.</param>
public sealed record StoredRows(bool Enrichment, bool Analysis, bool AnalysisCurrent, GenerationStatus? Email)
{
    /// <summary>A prospect with no step rows yet.</summary>
    public static StoredRows None { get; } = new(false, false, false, null);
}
