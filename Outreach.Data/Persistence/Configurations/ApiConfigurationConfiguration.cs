using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class ApiConfigurationConfiguration : EntityConfiguration<ApiConfiguration>
{
    protected override string TableName => "api_configurations";

    protected override void ConfigureEntity(EntityTypeBuilder<ApiConfiguration> builder)
    {
        builder.Property(a => a.Provider).HasMaxLength(50);
        builder.HasIndex(a => a.Provider).IsUnique();
        builder.Property(a => a.Model).HasMaxLength(200);
        builder.Property(a => a.Temperature).HasColumnType("real");
        builder.Property(a => a.PromptTemplates).IsJsonb();
        builder.Property(a => a.IndustryMappings).IsJsonb();
        builder.Property(a => a.SecretSetting).HasMaxLength(200);
    }
}
