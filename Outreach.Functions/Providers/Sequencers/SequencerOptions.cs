using System.ComponentModel.DataAnnotations;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Sequencers;

/// <summary>
/// A sequencer's settings (<c>Sequencers__{Name}__*</c>): base URL, rate, retries as for every provider, and how many
/// leads one call carries (at most the sequencer's documented limit). The key is <c>Sequencers__{Name}__ApiKey</c>.
/// </summary>
public abstract class SequencerOptions : ProviderOptions
{
    /// <summary>Leads per call; the default is the sequencer's documented maximum.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; }

    /// <summary>The sequencer's documented maximum leads per call.</summary>
    public abstract int MaxBatchSize { get; }

    /// <inheritdoc />
    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (BatchSize > MaxBatchSize)
        {
            yield return new ValidationResult($"BatchSize {BatchSize} is over the sequencer's limit of {MaxBatchSize} leads per call.", [nameof(BatchSize)]);
        }
    }
}
