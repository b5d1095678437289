using Outreach.Domain.Enums;

namespace Outreach.Functions.Contracts;

/// <summary>What a sequencer answered for one lead of a push.</summary>
public sealed record LeadResult(Guid EmailId, PushStatus Status, string? ExternalLeadId = null, string? Reason = null);
