using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class CampaignConfiguration : EntityConfiguration<Campaign>
{
    protected override string TableName => "campaigns";

    protected override void ConfigureEntity(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.EmailSubject).HasMaxLength(500);
        builder.Property(c => c.Prompt).IsText();
        builder.Property(c => c.EmailBody).IsText();
        builder.Property(c => c.Footer).IsText();
        builder.Property(c => c.Unsubscribe).HasMaxLength(2048);
        builder.Property(c => c.SenderName).HasMaxLength(200);
        builder.Property(c => c.SenderTitle).HasMaxLength(200);
        builder.Property(c => c.SenderCompany).HasMaxLength(200);
        builder.Property(c => c.EnrichmentFlags).IsJsonb();
        builder.Property(c => c.RequiredEnrichment).IsJsonb();
        builder.Property(c => c.MaxSubjectChars).HasDefaultValue(Campaign.DefaultMaxSubjectChars);
        builder.Property(c => c.MaxBodyWords).HasDefaultValue(Campaign.DefaultMaxBodyWords);

        // A service in use cannot disappear from under its campaigns' prompts.
        builder.HasOne<Service>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
