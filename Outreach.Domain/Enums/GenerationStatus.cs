namespace Outreach.Domain.Enums;

/// <summary>State of a generated email.</summary>
public enum GenerationStatus
{
    /// <summary>Not started.</summary>
    Pending,
    /// <summary>The generator is running.</summary>
    Generating,
    /// <summary>Subject and body are stored.</summary>
    Completed,
    /// <summary>Generation failed; see error_message.</summary>
    Failed,
}
