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

    /// <summary>The table in which EF records the migrations applied to a database.</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

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

    /// <summary>
    /// The ids of the migrations the app knows, oldest first: what EF's <c>GetMigrations</c> answers, read off the
    /// migrations' attributes in the assembly's metadata (<see cref="MigrationMetadata"/>) without building EF's services
    /// or loading a type, for a check every command makes before it starts. Every migration here is
    /// <see cref="OutreachDbContext"/>'s — the assembly has no other context; a test holds this to EF's answer.
    /// </summary>
    public static IReadOnlyList<string> KnownMigrations() =>
        [.. MigrationMetadata.IdsIn(typeof(OutreachDatabase).Assembly).Order(StringComparer.Ordinal)];

    /// <summary>Creates the process's data source, with the enum mappings EF Core's writes and raw Npgsql (COPY, guarded updates) need.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString) => Create(connectionString, mapEnums: true);

    /// <summary>
    /// Creates the data source of a process that only reads (an <c>outreach</c> read verb): without the enum mappings.
    /// Mapping the seventeen enums compiles generic code per enum at run time (ReadyToRun cannot precompile the framework's
    /// generics over the app's value types) — about 60 ms, an eighth of such a command's CPU — and the read side needs
    /// none: it takes enum columns as their labels (<c>Reads.EnumLabels</c>). Writing an enum through it fails.
    /// </summary>
    public static NpgsqlDataSource CreateReadDataSource(string connectionString) => Create(connectionString, mapEnums: false);

    private static NpgsqlDataSource Create(string connectionString, bool mapEnums)
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
        foreach (var (clrType, pgName) in mapEnums ? EnumTypes : [])
        {
            builder.MapEnum(clrType, pgName, UpperSnakeCaseNameTranslator.Instance);
        }

        return builder.Build();
    }

    /// <summary>
    /// Configures <paramref name="options"/> to use <paramref name="dataSource"/> with the Outreach model conventions, and
    /// with the compiled model (<see cref="OutreachDbContextModel"/>) unless <paramref name="compiledModel"/> is false.
    /// </summary>
    /// <remarks>
    /// The compiled model spares every process the building of the model from its configurations — most of the CPU a
    /// short command such as <c>outreach status</c> spends, and of a Functions cold start. It is generated by
    /// <c>dotnet ef dbcontext optimize</c> (README, "Data model") and a test fails when it no longer matches the
    /// configurations. Migrations and the design-time tools build the model from the configurations, as they must.
    /// </remarks>
    public static DbContextOptionsBuilder UseOutreachDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource, bool compiledModel = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (compiledModel)
        {
            options.UseModel(OutreachDbContextModel.Instance);
        }

        return options
            .UseNpgsql(dataSource, MapEnums)
            .UseSnakeCaseNamingConvention();
    }

    private static void MapEnums(NpgsqlDbContextOptionsBuilder npgsql)
    {
        npgsql.MigrationsHistoryTable(MigrationsHistoryTable);
        foreach (var (clrType, pgName) in EnumTypes)
        {
            npgsql.MapEnum(clrType, pgName, nameTranslator: UpperSnakeCaseNameTranslator.Instance);
        }
    }
}
