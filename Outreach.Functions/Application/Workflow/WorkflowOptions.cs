using System.ComponentModel.DataAnnotations;

namespace Outreach.Functions.Application.Workflow;

/// <summary>The console wizard's settings (<c>Workflow__*</c>).</summary>
public sealed class WorkflowOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Workflow";

    /// <summary>
    /// A wizard left this long without a change (and with no batch running) is marked ABANDONED by the sweeper
    /// (<c>Workflow__AbandonAfter</c>, a TimeSpan such as <c>7.00:00:00</c>); long enough to come back a day later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromDays(7);
}
