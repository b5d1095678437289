using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : EntityConfiguration<WebhookDelivery>
{
    protected override string TableName => "webhook_deliveries";

    protected override void ConfigureEntity(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.Endpoint).HasMaxLength(200);
        builder.Property(d => d.Url).HasMaxLength(2000);
        builder.Property(d => d.EventType).HasMaxLength(200);
        builder.Property(d => d.Subject).HasMaxLength(200);
        builder.Property(d => d.Payload).HasColumnType("jsonb");
        builder.Property(d => d.LastError).IsText();

        // One delivery per event, receiver and subject: a replayed activity records nothing twice.
        builder.HasIndex(d => new { d.EventType, d.Subject, d.Endpoint }).IsUnique();
        builder.HasIndex(d => d.CreatedAt);
    }
}
