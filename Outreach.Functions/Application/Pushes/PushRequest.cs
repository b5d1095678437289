namespace Outreach.Functions.Application.Pushes;

/// <summary>The body of <c>POST /api/batches/{id}/push</c>: the sequencer (instantly, smartlead, lemlist) and its campaign id.</summary>
public sealed record PushRequest(string? Target, string? Campaign);
