using System.Text.Json.Serialization;

namespace Outreach.Functions.Pipeline;

/// <summary>The orchestration's custom status, shown while it runs. Names are fixed so every host's converter writes the same JSON.</summary>
public sealed record PipelineStatus(
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("total")] int Total);
