using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>The plain-SQL read of an upload's record against what EF and the importer wrote.</summary>
public sealed class UploadReadsTests(PostgresServer server) : DatabaseTest(server)
{
    private UploadReads Reads => new(Database.ReadDataSource);

    [Fact]
    public async Task GetAsync_WhenTheUploadWasImportedWithRejectsAndNotes_ReadsEveryColumn()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 1);
        RejectedRow[] rejected = [new(3, "email: not an address", "Zoë,\"=cmd|' /C calc'!A0\",x")];
        var upload = new CsvUpload(scenario.Campaign.Id, "uploads", "q3/prospects.csv", "0x1", new string('a', 64), 120, TestClock.T0);
        await using (var db = Database.CreateContext())
        {
            db.Add(upload);
            await db.SaveChangesAsync(Ct);
            upload.MarkImported(scenario.Batch.Id, rowsAccepted: 1, rejected, TestClock.At(1));
            await db.SaveChangesAsync(Ct);
        }

        // The importer writes the notes in its own statement (ImportCommit).
        await using (var command = Database.DataSource.CreateCommand("UPDATE csv_uploads SET notes = @notes WHERE id = @id"))
        {
            command.Parameters.Add(new NpgsqlParameter("notes", NpgsqlDbType.Jsonb) { Value = """["separator: ';'", "encoding: windows-1252"]""" });
            command.Parameters.AddWithValue("id", upload.Id);
            await command.ExecuteNonQueryAsync(Ct);
        }

        var row = await Reads.GetAsync(upload.Id, Ct);

        await using var check = Database.CreateContext();
        var u = await check.CsvUploads.AsNoTracking().SingleAsync(x => x.Id == upload.Id, Ct);
        Assert.NotNull(row);
        Assert.Equal(
            (u.Id, u.CampaignId, UploadStatus.Imported, u.BlobName, u.SizeBytes, u.RowsTotal, u.RowsAccepted, u.RowsRejected, u.BatchId, u.ErrorMessage, u.CreatedAt, u.ProcessedAt),
            (row.Id, row.CampaignId, row.Status, row.BlobName, row.SizeBytes, row.RowsTotal, row.RowsAccepted, row.RowsRejected, row.BatchId, row.ErrorMessage, row.CreatedAt, row.ProcessedAt));
        Assert.Equal(rejected, row.RejectedRows);
        Assert.Equal(["separator: ';'", "encoding: windows-1252"], row.Notes);
        Assert.Equal(u.Notes, row.Notes);
        Assert.Null(await Reads.GetAsync(Guid.CreateVersion7(), Ct));
    }
}
