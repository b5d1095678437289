using Outreach.Domain.Entities;

namespace Outreach.Tests.Architecture;

/// <summary>The domain project is a domain: entities, rules, CSV parsing — no database, storage or host types.</summary>
public sealed class DomainProjectTests
{
    [Fact]
    public void DomainAssembly_ReferencesNoInfrastructure()
    {
        var infrastructure = typeof(Batch).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                || name.StartsWith("Npgsql", StringComparison.Ordinal)
                || name.StartsWith("Azure", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Azure", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal))
            .ToList();

        Assert.True(infrastructure.Count == 0, $"Outreach.Domain references {string.Join(", ", infrastructure)}; that belongs in Outreach.Data or the app.");
    }
}
