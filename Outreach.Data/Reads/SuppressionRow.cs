using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>An address or domain that must not be contacted, as the suppression views show it.</summary>
public sealed record SuppressionRow(Guid Id, string Value, SuppressionReason Reason, string? Source, string? Note, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
