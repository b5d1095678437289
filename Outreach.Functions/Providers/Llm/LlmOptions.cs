using System.ComponentModel.DataAnnotations;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>Settings every language-model provider has: its endpoint and resilience (<see cref="ProviderOptions"/>) and the model it uses.</summary>
public abstract class LlmOptions : ProviderOptions
{
    /// <summary>The model (for Azure OpenAI, the deployment name) when no api_configurations row names one.</summary>
    [Required]
    public string Model { get; set; } = string.Empty;

    /// <summary>LLM attempts get at least a minute: a long answer is slow, and a cut-off one is paid for anyway.</summary>
    protected LlmOptions()
    {
        TimeoutSeconds = 90;
        RequestsPerSecond = 5;
    }
}
