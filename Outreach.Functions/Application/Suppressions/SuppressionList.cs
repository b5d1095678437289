using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Application.Suppressions;

/// <summary>A suppression as the API shows it.</summary>
public sealed record SuppressionView(Guid Id, string Value, string Reason, string? Source, string? Note, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static SuppressionView Of(SuppressionRow s) => new(s.Id, s.Value, StatusLabel.Of(s.Reason), s.Source, s.Note, s.CreatedAt, s.UpdatedAt);
}

/// <summary>The body of <c>POST /api/suppressions</c>: an address or <c>@domain</c>, the reason (MANUAL when none), source and note.</summary>
public sealed record SuppressionRequest(string Value, string? Reason = null, string? Source = null, string? Note = null);

/// <summary>What a bulk import did: how many were added or updated, and each row refused with its line and reason.</summary>
public sealed record SuppressionImport(int Added, int Updated, IReadOnlyList<RejectedRowView> Rejected);

/// <summary>
/// The suppression list: who must not be contacted. Adding a value twice updates it (one row per address or domain);
/// a bulk CSV import adds many in one transaction; the importer and every export consult it
/// (<see cref="SuppressionLookups"/>).
/// </summary>
public sealed class SuppressionList(IDbContextFactory<OutreachDbContext> contexts, SuppressionReads reads, TimeProvider clock)
{
    /// <summary>The most rows one import takes.</summary>
    public const int MaxImportRows = 100_000;

    private static readonly string[] ValueHeaders = ["email", "value", "domain", "address", "email address"];

    /// <summary>Adds (or updates) one suppression; true when it was new.</summary>
    public async Task<(SuppressionView Suppression, bool Created)> AddAsync(SuppressionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = ReasonOf(request.Reason, SuppressionReason.Manual);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (row, created) = await UpsertAsync(db, request.Value, reason, request.Source, request.Note, cancellationToken);
        await SaveAsync(db, cancellationToken);

        // Answered with the row read back as the list shows it: a suppression has one mapping to its view. (Gone
        // already only when a removal raced in between.)
        var stored = await reads.GetAsync(row.Id, cancellationToken) ?? throw ApiProblemException.NotFound("suppression", row.Id);
        return (SuppressionView.Of(stored), created);
    }

    /// <summary>Removes the suppression of <paramref name="value"/>; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string value, CancellationToken cancellationToken)
    {
        var normalized = Suppression.Normalize(value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Suppressions.Where(s => s.Value == normalized).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Imports a CSV of suppressions: a column <c>email</c> (or <c>value</c>, <c>domain</c>, <c>address</c>) and optional
    /// <c>reason</c> and <c>note</c> columns; <paramref name="defaultReason"/> where a row gives none. Refused rows are
    /// reported with their line; the rest are stored together.
    /// </summary>
    public async Task<SuppressionImport> ImportAsync(Stream csv, string? defaultReason, string? source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var fallback = ReasonOf(defaultReason, SuppressionReason.Manual);
        var options = CsvReaderOptions.Default with { TrackLineNumbers = true, SkipEmptyLines = true, DetectSeparatorHint = true };
        await using var parser = CsvReader.Create(csv, options, leaveOpen: true);
        await parser.ReadHeaderAsync(cancellationToken);
        var headers = parser.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var valueColumn = headers.FindIndex(h => ValueHeaders.Contains(h));
        if (valueColumn < 0)
        {
            throw new DomainValidationException(headers.Count == 0
                ? "The file is empty; give a header row with an email column."
                : $"No email column: name one of {string.Join(", ", ValueHeaders)} (found {string.Join(", ", parser.Headers)}).");
        }

        var reasonColumn = headers.IndexOf("reason");
        var noteColumn = headers.IndexOf("note");
        string? Field(int index) => index >= 0 && index < parser.FieldCount ? parser.GetString(index) : null;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rejected = new List<RejectedRowView>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, updated = 0, rows = 0;
        while (await parser.ReadAsync(cancellationToken))
        {
            var line = checked((int)parser.LineNumber);
            if (++rows > MaxImportRows)
            {
                throw new DomainValidationException($"The file has more than {MaxImportRows:N0} rows; split it.");
            }

            try
            {
                var value = Field(valueColumn);
                var reason = ReasonOf(Field(reasonColumn), fallback);
                if (!seen.Add(Suppression.Normalize(value)))
                {
                    continue;
                }

                var (_, created) = await UpsertAsync(db, value, reason, source, Field(noteColumn), cancellationToken);
                (added, updated) = created ? (added + 1, updated) : (added, updated + 1);
            }
            catch (DomainValidationException ex)
            {
                rejected.Add(new RejectedRowView(line, ex.Message));
            }
        }

        await SaveAsync(db, cancellationToken);
        return new SuppressionImport(added, updated, rejected);
    }

    /// <summary>The reason <paramref name="text"/> names (any case), <paramref name="fallback"/> for none, or a 400 listing them.</summary>
    internal static SuppressionReason ReasonOf(string? text, SuppressionReason fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback : ProspectQueries.Parse<SuppressionReason>(text, "reason");

    private async Task<(Suppression Row, bool Created)> UpsertAsync(
        OutreachDbContext db, string? value, SuppressionReason reason, string? source, string? note, CancellationToken cancellationToken)
    {
        var normalized = Suppression.Normalize(value);
        var now = clock.GetUtcNow();
        var existing = db.Suppressions.Local.FirstOrDefault(s => s.Value == normalized)
            ?? await db.Suppressions.SingleOrDefaultAsync(s => s.Value == normalized, cancellationToken);
        if (existing is not null)
        {
            existing.Revise(reason, source, note, now);
            return (existing, false);
        }

        var row = new Suppression(normalized, reason, source, note, now);
        db.Suppressions.Add(row);
        return (row, true);
    }

    private static async Task SaveAsync(OutreachDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else suppressed the same value a moment before; adding it again is what they asked for.
            throw new DomainConflictException("That address or domain was suppressed by another request at the same moment; try again.");
        }
    }
}
