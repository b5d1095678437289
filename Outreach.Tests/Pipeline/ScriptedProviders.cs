using System.Collections.Concurrent;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Template;

namespace Outreach.Tests.Pipeline;

/// <summary>
/// Providers that fail on cue, keyed by the prospect's email: <c>perm-enrich…</c> fails enrichment
/// permanently, <c>flaky…</c> fails once transiently then succeeds, <c>always-transient…</c> never stops
/// failing transiently, <c>perm-gen…</c> fails generation. Everything else behaves like the template providers.
/// </summary>
internal sealed class ScriptedProviders : IProspectEnricher, IEmailGenerator
{
    private readonly NotConfiguredEnricher _enricher = new(TimeProvider.System);
    private readonly TemplateEmailGenerator _generator = new();

    public ConcurrentDictionary<Guid, int> EnrichCalls { get; } = new();

    /// <summary>False when the fixture runs the app's real providers instead.</summary>
    public bool Enabled { get; init; } = true;

    public TimeSpan EnrichDelay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, enrichment waits for it: lets a test act while work is provably still in flight.</summary>
    public TaskCompletionSource? EnrichGate { get; set; }

    /// <summary>While true, <c>fix-me…</c> prospects fail generation and <c>fix-enrich…</c> ones fail enrichment, permanently.</summary>
    public bool Broken { get; set; }

    public async Task<EnrichmentOutcome> EnrichAsync(ProspectFacts prospect, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        var calls = EnrichCalls.AddOrUpdate(prospect.Id, 1, (_, n) => n + 1);
        if (EnrichGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (EnrichDelay > TimeSpan.Zero)
        {
            await Task.Delay(EnrichDelay, cancellationToken);
        }

        if (prospect.Email.StartsWith("perm-enrich", StringComparison.Ordinal) || (Broken && prospect.Email.StartsWith("fix-enrich", StringComparison.Ordinal)))
        {
            throw new PermanentProspectException("Enrich Layer: 404 no profile for this URL");
        }

        if (prospect.Email.StartsWith("always-transient", StringComparison.Ordinal) || (prospect.Email.StartsWith("flaky", StringComparison.Ordinal) && calls == 1))
        {
            throw new TransientProspectException("Enrich Layer: 429 Too Many Requests");
        }

        return await _enricher.EnrichAsync(prospect, campaign, cancellationToken);
    }

    public Task<EmailDraft> GenerateAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken) =>
        prospect.Email.StartsWith("perm-gen", StringComparison.Ordinal) || (Broken && prospect.Email.StartsWith("fix-me", StringComparison.Ordinal))
            ? throw new PermanentProspectException("OpenRouter: 402 insufficient credits")
            : _generator.GenerateAsync(prospect, enrichment, analysis, campaign, cancellationToken);
}
