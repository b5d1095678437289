using Microsoft.EntityFrameworkCore;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Outreach.Domain.Enums;

namespace Outreach.Data.Persistence;

/// <summary>
/// Builds the one <see cref="NpgsqlDataSource"/> of a process and configures EF Core on it. Enums are
/// mapped on both layers from one list: on the data source for raw Npgsql (COPY, guarded updates) and in
/// the EF options for the model and the migrations that create the types.
/// </summary>
public static class OutreachDatabase
{
    // Each enum in Outreach.Domain.Enums is a PostgreSQL enum type. Member names are translated to UPPER_SNAKE_CASE
    // labels (Pending -> PENDING, PendingReview -> PENDING_REVIEW) by UpperSnakeCaseNameTranslator, so the labels in
    // the database are exactly the seed's values. Never renumber or rename a member without a migration that
    // renames the label.

    /// <summary>The PostgreSQL enum types: CLR type → type name.</summary>
    public static IReadOnlyList<(Type ClrType, string PgName)> EnumTypes { get; } =
    [
        (typeof(ProspectStatus), "prospect_status"),
        (typeof(EnrichmentStatus), "enrichment_status"),
        (typeof(GenerationStatus), "generation_status"),
        (typeof(BatchStatus), "batch_status"),
        (typeof(WorkflowStep), "workflow_step"),
        (typeof(WorkflowStatus), "workflow_status"),
        (typeof(JobType), "job_type"),
        (typeof(JobStatus), "job_status"),
        (typeof(ReviewStatus), "review_status"),
        (typeof(UploadStatus), "upload_status"),
        (typeof(DedupeScope), "dedupe_scope"),
        (typeof(EmailVerification), "email_verification"),
        (typeof(VerificationPolicy), "verification_policy"),
        (typeof(SuppressionReason), "suppression_reason"),
        (typeof(PushTarget), "push_target"),
        (typeof(PushStatus), "push_status"),
        (typeof(WebhookDeliveryStatus), "webhook_delivery_status"),
    ];

    /// <summary>Creates the process's data source, with the enum mappings.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);

        // A pooled connection is reset with DISCARD ALL on its next use by default: one extra statement for every
        // short-lived context, most of a prospect's statements. Nothing here leaves session state behind — no
        // session-level SET, no prepared statements, advisory locks only per transaction, the import's temporary
        // table ON COMMIT DROP — and an open transaction is still rolled back when a connection goes back.
        if (!connectionString.Contains("reset on close", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }
        foreach (var (clrType, pgName) in EnumTypes)
        {
            builder.MapEnum(clrType, pgName, UpperSnakeCaseNameTranslator.Instance);
        }

        return builder.Build();
    }

    /// <summary>Configures <paramref name="options"/> to use <paramref name="dataSource"/> with the Outreach model conventions.</summary>
    public static DbContextOptionsBuilder UseOutreachDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .UseNpgsql(dataSource, MapEnums)
            .UseSnakeCaseNamingConvention();
    }

    private static void MapEnums(NpgsqlDbContextOptionsBuilder npgsql)
    {
        npgsql.MigrationsHistoryTable("__ef_migrations_history");
        foreach (var (clrType, pgName) in EnumTypes)
        {
            npgsql.MapEnum(clrType, pgName, nameTranslator: UpperSnakeCaseNameTranslator.Instance);
        }
    }
}
