namespace Outreach.Domain.Entities;

/// <summary>A fact an email or analysis may rest on, with where it came from.</summary>
/// <param name="Id">Its id within the prospect's facts (f1, f2, …), which a model cites.</param>
/// <param name="Source">Where it came from: <c>csv:&lt;Header&gt;</c>, the website URL, <c>linkedin:&lt;profile url&gt;</c>, <c>builtwith:&lt;domain&gt;</c>.</param>
/// <param name="Text">The fact.</param>
public sealed record EmailFact(string Id, string Source, string Text);
