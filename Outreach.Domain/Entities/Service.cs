namespace Outreach.Domain.Entities;

/// <summary>What a campaign sells; its description and value proposition are used in prompts.</summary>
public sealed class Service : Entity
{
    private Service()
    {
    }

    /// <summary>Creates a service.</summary>
    public Service(string name, string description, string valueProposition, IEnumerable<string>? targetIndustries, DateTimeOffset now)
        : base(now)
    {
        Name = Guard.Required(name, nameof(name), 200);
        Description = description?.Trim() ?? string.Empty;
        ValueProposition = valueProposition?.Trim() ?? string.Empty;
        TargetIndustries = targetIndustries?.Select(i => i.Trim()).Where(i => i.Length > 0).ToList() ?? [];
    }

    public string Name { get; private set; } = null!;

    public string Description { get; private set; } = null!;

    public string ValueProposition { get; private set; } = null!;

    public List<string> TargetIndustries { get; private set; } = [];

    /// <summary>Takes a new description, value proposition and industries (<c>outreach campaign apply</c>); the name is its identity.</summary>
    public void Revise(string? description, string? valueProposition, IEnumerable<string>? targetIndustries, DateTimeOffset now)
    {
        var revised = new Service(Name, description ?? string.Empty, valueProposition ?? string.Empty, targetIndustries, now);
        (Description, ValueProposition, TargetIndustries) = (revised.Description, revised.ValueProposition, revised.TargetIndustries);
        Touch(now);
    }
}
