using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class WebhookEndpointConfiguration : EntityConfiguration<WebhookEndpoint>
{
    protected override string TableName => "webhook_endpoints";

    protected override void ConfigureEntity(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.HasIndex(w => w.Url).IsUnique();
        builder.Property(w => w.SecretSetting).HasMaxLength(200);
        builder.Property(w => w.Description).HasMaxLength(500);
    }
}
