using Outreach.Domain.Entities;

namespace Outreach.Functions.Application;

/// <summary>What one status read returns.</summary>
internal sealed record StatusRowData(Batch Batch, StatusJob? Job, StatusSession? Session);
