using Outreach.Domain.Enums;

namespace Outreach.Domain.StatusRules;

/// <summary>The fan-in rule: a batch's final status from its prospect counts.</summary>
public static class BatchOutcome
{
    /// <summary>
    /// COMPLETED when every prospect completed or was skipped by the campaign's verification setting (a skip is a
    /// decision, not a failure); PARTIAL when at least one completed and at least one failed or did not finish;
    /// FAILED when none completed. Prospects that neither completed nor failed (a cancelled batch)
    /// count as not completed. An empty batch is FAILED: it produced no email, and calling it COMPLETED
    /// would hide an upload whose rows were all rejected or already known.
    /// </summary>
    /// <param name="totalProspects">Prospects in the batch (rejected CSV rows are not prospects).</param>
    /// <param name="completedProspects">Prospects with a generated email.</param>
    /// <param name="failedProspects">Prospects that failed permanently.</param>
    /// <param name="skippedProspects">Prospects the verification setting excluded.</param>
    public static BatchStatus FinalStatus(int totalProspects, int completedProspects, int failedProspects, int skippedProspects = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skippedProspects);
        ArgumentOutOfRangeException.ThrowIfNegative(totalProspects);
        ArgumentOutOfRangeException.ThrowIfNegative(completedProspects);
        ArgumentOutOfRangeException.ThrowIfNegative(failedProspects);
        if (completedProspects + failedProspects + skippedProspects > totalProspects)
        {
            throw new ArgumentException(
                $"completed ({completedProspects}) + failed ({failedProspects}) + skipped ({skippedProspects}) exceeds the batch's {totalProspects} prospects.");
        }

        if (completedProspects == 0)
        {
            return BatchStatus.Failed;
        }

        return completedProspects + skippedProspects == totalProspects ? BatchStatus.Completed : BatchStatus.Partial;
    }

    /// <summary>The fan-in's final statuses (an array, so a query can take it as a parameter).</summary>
    public static BatchStatus[] FinalStatuses => [BatchStatus.Completed, BatchStatus.Partial, BatchStatus.Failed];

    /// <summary>Whether <paramref name="status"/> is one of the fan-in's final statuses.</summary>
    public static bool IsFinal(BatchStatus status) => Array.IndexOf(FinalStatuses, status) >= 0;
}
