using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class CsvUploadConfiguration : EntityConfiguration<CsvUpload>
{
    protected override string TableName => "csv_uploads";

    protected override void ConfigureEntity(EntityTypeBuilder<CsvUpload> builder)
    {
        builder.Property(u => u.Container).HasMaxLength(63);
        builder.Property(u => u.BlobName).HasMaxLength(1024);
        builder.Property(u => u.ETag).HasColumnName("etag").HasMaxLength(100);
        builder.Property(u => u.ContentSha256).HasColumnName("content_sha256").HasMaxLength(64).IsFixedLength();
        builder.Property(u => u.RejectedRows).IsJsonb();
        builder.Property(u => u.Notes).IsJsonb();
        builder.Property(u => u.ErrorMessage).IsText();

        // Idempotent ingestion: the same content for one campaign, or the same blob version, is one upload.
        builder.HasIndex(u => new { u.CampaignId, u.ContentSha256 }).IsUnique();
        builder.HasIndex(u => new { u.Container, u.BlobName, u.ETag }).IsUnique();

        // Uploads are the audit trail of what people sent: a campaign with uploads cannot be deleted.
        builder.HasOne<Campaign>().WithMany().HasForeignKey(u => u.CampaignId).OnDelete(DeleteBehavior.Restrict);

        // Deleting a batch keeps the record that its file was received.
        builder.HasOne<Batch>().WithMany().HasForeignKey(u => u.BatchId).OnDelete(DeleteBehavior.SetNull);
    }
}
