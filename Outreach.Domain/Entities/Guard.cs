using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>Argument checks shared by entity constructors.</summary>
internal static class Guard
{
    public static string Required(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException($"{name} is required.");
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainValidationException($"{name} is {trimmed.Length} characters; the limit is {maxLength}.");
        }

        return trimmed;
    }

    public static string? Optional(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainValidationException($"{name} is {trimmed.Length} characters; the limit is {maxLength}.");
    }

    public static string Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new DomainValidationException("A failure needs a reason.") : reason.Trim();
}
