namespace Outreach.Functions.Contracts;

/// <summary>Tokens a model counted for one prospect's calls (every attempt included: each was billed).</summary>
/// <param name="PromptTokens">Input tokens.</param>
/// <param name="CompletionTokens">Output tokens.</param>
public sealed record TokenUsage(long PromptTokens, long CompletionTokens)
{
    /// <summary>No tokens (a template, or a provider that did not report usage).</summary>
    public static TokenUsage None { get; } = new(0, 0);

    /// <summary>The sum of two usages.</summary>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.PromptTokens + right.PromptTokens, left.CompletionTokens + right.CompletionTokens);
    }

    /// <summary>The sum of two usages.</summary>
    public static TokenUsage Add(TokenUsage left, TokenUsage right) => left + right;
}
