using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Common;

/// <summary>
/// The per-batch cap on provider calls (<c>Providers__MaxCallsPerBatch</c>). Every call is counted in
/// <c>batches.provider_calls</c> by one guarded statement, so concurrent activities on several workers cannot
/// overspend; past the cap the call is refused and the prospect fails with "budget exceeded". Cache hits cost nothing.
/// </summary>
public sealed class ProviderBudget(NpgsqlDataSource dataSource, IOptionsMonitor<ProviderPolicyOptions> options)
{
    /// <summary>Spends one call of batch <paramref name="batchId"/> on <paramref name="provider"/>, or throws <see cref="BudgetExceededException"/>.</summary>
    public async Task SpendAsync(Guid batchId, string provider, CancellationToken cancellationToken)
    {
        var cap = options.CurrentValue.MaxCallsPerBatch;
        await using var command = dataSource.CreateCommand(
            "UPDATE batches SET provider_calls = provider_calls + 1 WHERE id = $1 AND ($2 = 0 OR provider_calls < $2) RETURNING provider_calls");
        command.Parameters.Add(new() { Value = batchId });
        command.Parameters.Add(new() { Value = cap });
        if (await command.ExecuteScalarAsync(cancellationToken) is null && cap > 0)
        {
            throw new BudgetExceededException(
                $"Provider budget exceeded: the batch has made its {cap} provider calls (Providers__MaxCallsPerBatch), so {provider} was not called.");
        }
    }
}
