using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class GeneratedEmailConfiguration : EntityConfiguration<GeneratedEmail>
{
    protected override string TableName => "generated_emails";

    protected override void ConfigureEntity(EntityTypeBuilder<GeneratedEmail> builder)
    {
        builder.HasIndex(e => e.ProspectId).IsUnique();
        builder.Property(e => e.Subject).HasMaxLength(500);
        builder.Property(e => e.Body).IsText();
        builder.Property(e => e.Footer).IsText();
        builder.Property(e => e.Model).HasMaxLength(200);
        builder.Property(e => e.ErrorMessage).IsText();
        builder.Property(e => e.ReviewNote).HasMaxLength(2000);
        builder.Property(e => e.OriginalSubject).HasMaxLength(500);
        builder.Property(e => e.OriginalBody).IsText();
        builder.Property(e => e.QualityFlags).IsJsonb();
        builder.Property(e => e.FactsUsed).IsJsonb();
        builder.Property(e => e.BodyHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(e => e.BodyHash);
    }
}
