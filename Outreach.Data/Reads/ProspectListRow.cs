using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>A prospect in a batch's list: who, where in the file, and how far it got.</summary>
public sealed record ProspectListRow(Guid Id, int Ordinal, string? Name, string Email, string? Company, string? Title, ProspectStatus Status, string? ErrorMessage);
