using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence;

/// <summary>The Outreach database: the tables of DESIGN.md, configured by the <c>IEntityTypeConfiguration</c> classes in this assembly.</summary>
public sealed class OutreachDbContext(DbContextOptions<OutreachDbContext> options) : DbContext(options)
{
    public DbSet<Service> Services => Set<Service>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CsvUpload> CsvUploads => Set<CsvUpload>();

    public DbSet<Batch> Batches => Set<Batch>();

    public DbSet<Prospect> Prospects => Set<Prospect>();

    public DbSet<ProspectEnrichment> ProspectEnrichments => Set<ProspectEnrichment>();

    public DbSet<ProspectAnalysis> ProspectAnalyses => Set<ProspectAnalysis>();

    public DbSet<GeneratedEmail> GeneratedEmails => Set<GeneratedEmail>();

    public DbSet<ProcessingJob> ProcessingJobs => Set<ProcessingJob>();

    public DbSet<WorkflowSession> WorkflowSessions => Set<WorkflowSession>();

    public DbSet<CompanyProfile> CompanyProfiles => Set<CompanyProfile>();

    public DbSet<ApiConfiguration> ApiConfigurations => Set<ApiConfiguration>();

    public DbSet<Suppression> Suppressions => Set<Suppression>();

    public DbSet<EmailPush> EmailPushes => Set<EmailPush>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OutreachDbContext).Assembly);
}
