namespace Outreach.Functions.Application.Pushes;

/// <summary>What a batch's emails became at one sequencer.</summary>
public sealed record PushTargetView(string Target, int Pushed, int Skipped, int Failed);
