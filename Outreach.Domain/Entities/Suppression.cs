using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>
/// Someone who must not be contacted: one address, or a whole domain written <c>@domain</c>. Checked when a file is
/// imported (the row is rejected) and again right before anything leaves (export, push), so a person suppressed after
/// the import is never sent to.
/// </summary>
public sealed class Suppression : Entity
{
    private Suppression()
    {
    }

    /// <summary>Suppresses <paramref name="value"/> (an address or <c>@domain</c>, normalized here).</summary>
    public Suppression(string value, SuppressionReason reason, string? source, string? note, DateTimeOffset now)
        : base(now)
    {
        Value = Normalize(value);
        Reason = reason;
        Source = Guard.Optional(source, nameof(source), 200);
        Note = Guard.Optional(note, nameof(note), 1000);
    }

    /// <summary>The normalized address, or <c>@domain</c>.</summary>
    public string Value { get; private set; } = null!;

    public SuppressionReason Reason { get; private set; }

    /// <summary>Where it came from (a file name, <c>api</c>, <c>cli</c>, <c>erasure</c>).</summary>
    public string? Source { get; private set; }

    public string? Note { get; private set; }

    /// <summary>
    /// <paramref name="value"/> as stored and compared: an address as prospects store theirs, or <c>@domain</c> in lower
    /// case; anything else is refused with the reason.
    /// </summary>
    public static string Normalize(string? value)
    {
        var text = EmailAddress.Clean(value ?? string.Empty);
        if (text.StartsWith('@'))
        {
            var domain = text[1..].Trim().TrimEnd('.').ToLowerInvariant();
            return domain.Length is > 0 and <= 253 && domain.Contains('.', StringComparison.Ordinal) && EmailAddress.Problem($"x@{domain}") is null
                ? $"@{domain}"
                : throw new DomainValidationException($"'{value}' is not a domain: write it as @example.com.");
        }

        return text.Length == 0
            ? throw new DomainValidationException("Give an email address, or a whole domain as @example.com.")
            : EmailAddress.Problem(text) is { } problem ? throw new DomainValidationException(problem) : Prospect.NormalizeEmail(text);
    }

    /// <summary>Gives an existing entry a new reason, source and note (adding the same value twice updates it).</summary>
    public void Revise(SuppressionReason reason, string? source, string? note, DateTimeOffset now)
    {
        Reason = reason;
        Source = Guard.Optional(source, nameof(source), 200);
        Note = Guard.Optional(note, nameof(note), 1000);
        Touch(now);
    }
}
