namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// Azure OpenAI, authenticated by the app's identity (<c>DefaultAzureCredential</c>: the managed identity in Azure,
/// your <c>az login</c> locally) — there is no key to set. <c>BaseUrl</c> is the account's endpoint
/// (<c>https://&lt;name&gt;.openai.azure.com/</c>) and <c>Model</c> the deployment name; the provider counts as
/// configured once the endpoint is set.
/// </summary>
public sealed class AzureOpenAIOptions : LlmOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:AzureOpenAI";

    /// <summary>No endpoint by default: Azure OpenAI is opted into by setting one (infra does when it deploys an account).</summary>
    public AzureOpenAIOptions()
    {
        BaseUrl = string.Empty;
        Model = "gpt-4o-mini";
    }

    /// <inheritdoc />
    protected override bool BaseUrlRequired => false;
}
