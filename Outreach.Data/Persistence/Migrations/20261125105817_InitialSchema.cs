using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Outreach.Domain.Enums;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .Annotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .Annotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .Annotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .Annotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .Annotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:review_status", "APPROVED,PENDING_REVIEW,REJECTED")
                .Annotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .Annotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .Annotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV");

            migrationBuilder.CreateTable(
                name: "api_configurations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    temperature = table.Column<float>(type: "real", nullable: true),
                    max_tokens = table.Column<int>(type: "integer", nullable: true),
                    prompt_templates = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    industry_mappings = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    secret_setting = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_configurations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "company_profiles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    website = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    company_summary = table.Column<string>(type: "text", nullable: true),
                    tech_stack = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    sources = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_profiles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    value_proposition = table.Column<string>(type: "text", nullable: false),
                    target_industries = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email_subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    prompt = table.Column<string>(type: "text", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enrichment_flags = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    required_enrichment = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    dedupe_scope = table.Column<DedupeScope>(type: "dedupe_scope", nullable: false),
                    max_subject_chars = table.Column<int>(type: "integer", nullable: false, defaultValue: 80),
                    max_body_words = table.Column<int>(type: "integer", nullable: false, defaultValue: 180),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaigns_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    upload_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    status = table.Column<BatchStatus>(type: "batch_status", nullable: false),
                    total_prospects = table.Column<int>(type: "integer", nullable: false),
                    enriched_prospects = table.Column<int>(type: "integer", nullable: false),
                    generated_emails = table.Column<int>(type: "integer", nullable: false),
                    failed_prospects = table.Column<int>(type: "integer", nullable: false),
                    instance_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    generation_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_batches", x => x.id);
                    table.CheckConstraint("ck_batches_counters", "enriched_prospects BETWEEN 0 AND total_prospects AND generated_emails >= 0 AND failed_prospects >= 0 AND generated_emails + failed_prospects <= total_prospects");
                    table.ForeignKey(
                        name: "fk_batches_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "csv_uploads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    container = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    blob_name = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    etag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content_sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    rows_total = table.Column<int>(type: "integer", nullable: false),
                    rows_accepted = table.Column<int>(type: "integer", nullable: false),
                    rows_rejected = table.Column<int>(type: "integer", nullable: false),
                    rejected_rows = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    status = table.Column<UploadStatus>(type: "upload_status", nullable: false),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_csv_uploads", x => x.id);
                    table.ForeignKey(
                        name: "fk_csv_uploads_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_csv_uploads_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "processing_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    job_type = table.Column<JobType>(type: "job_type", nullable: false),
                    status = table.Column<JobStatus>(type: "job_status", nullable: false),
                    progress_current = table.Column<int>(type: "integer", nullable: false),
                    progress_total = table.Column<int>(type: "integer", nullable: false),
                    instance_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processing_jobs", x => x.id);
                    table.CheckConstraint("ck_processing_jobs_progress", "progress_current BETWEEN 0 AND progress_total");
                    table.ForeignKey(
                        name: "fk_processing_jobs_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_processing_jobs_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "prospects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    email_normalized = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    company = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    linkedin_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    website = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    status = table.Column<ProspectStatus>(type: "prospect_status", nullable: false),
                    additional_data = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    enrichment_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    enriched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    generation_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prospects", x => x.id);
                    table.ForeignKey(
                        name: "fk_prospects_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_prospects_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workflow_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_session_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    current_step = table.Column<WorkflowStep>(type: "workflow_step", nullable: false),
                    status = table.Column<WorkflowStatus>(type: "workflow_status", nullable: false),
                    configuration_data = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    steps_completed = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_sessions_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_workflow_sessions_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "generated_emails",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    prospect_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    body = table.Column<string>(type: "text", nullable: true),
                    generation_status = table.Column<GenerationStatus>(type: "generation_status", nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    review_status = table.Column<ReviewStatus>(type: "review_status", nullable: false),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_generated_emails", x => x.id);
                    table.ForeignKey(
                        name: "fk_generated_emails_prospects_prospect_id",
                        column: x => x.prospect_id,
                        principalTable: "prospects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "prospect_analyses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    prospect_id = table.Column<Guid>(type: "uuid", nullable: false),
                    personalization_opportunities = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    pain_points = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    market_position = table.Column<string>(type: "text", nullable: true),
                    suggested_approach = table.Column<string>(type: "text", nullable: true),
                    executive_summary = table.Column<string>(type: "text", nullable: true),
                    confidence_score = table.Column<float>(type: "real", nullable: true),
                    sources = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prospect_analyses", x => x.id);
                    table.CheckConstraint("ck_prospect_analyses_confidence", "confidence_score BETWEEN 0 AND 1");
                    table.ForeignKey(
                        name: "fk_prospect_analyses_prospects_prospect_id",
                        column: x => x.prospect_id,
                        principalTable: "prospects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "prospect_enrichments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    prospect_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<EnrichmentStatus>(type: "enrichment_status", nullable: false),
                    company_website = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    company_summary = table.Column<string>(type: "text", nullable: true),
                    linkedin_summary = table.Column<string>(type: "text", nullable: true),
                    tech_stack = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'[]'::jsonb"),
                    enrichment_data = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prospect_enrichments", x => x.id);
                    table.ForeignKey(
                        name: "fk_prospect_enrichments_prospects_prospect_id",
                        column: x => x.prospect_id,
                        principalTable: "prospects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_configurations_provider",
                table: "api_configurations",
                column: "provider",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_batches_campaign_id",
                table: "batches",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_batches_instance_id",
                table: "batches",
                column: "instance_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_batches_status_created_at",
                table: "batches",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_batches_upload_id",
                table: "batches",
                column: "upload_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_name",
                table: "campaigns",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_service_id",
                table: "campaigns",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_company_profiles_domain",
                table: "company_profiles",
                column: "domain",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_csv_uploads_batch_id",
                table: "csv_uploads",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_csv_uploads_campaign_id_content_sha256",
                table: "csv_uploads",
                columns: new[] { "campaign_id", "content_sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_csv_uploads_container_blob_name_etag",
                table: "csv_uploads",
                columns: new[] { "container", "blob_name", "etag" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_generated_emails_prospect_id",
                table: "generated_emails",
                column: "prospect_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_processing_jobs_batch_id_created_at",
                table: "processing_jobs",
                columns: new[] { "batch_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_processing_jobs_campaign_id",
                table: "processing_jobs",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_prospect_analyses_prospect_id",
                table: "prospect_analyses",
                column: "prospect_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prospect_enrichments_prospect_id",
                table: "prospect_enrichments",
                column: "prospect_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prospects_batch_id_ordinal",
                table: "prospects",
                columns: new[] { "batch_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prospects_batch_id_status",
                table: "prospects",
                columns: new[] { "batch_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_prospects_campaign_id_email_normalized",
                table: "prospects",
                columns: new[] { "campaign_id", "email_normalized" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_services_name",
                table: "services",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_sessions_batch_id",
                table: "workflow_sessions",
                column: "batch_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_sessions_campaign_id",
                table: "workflow_sessions",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_sessions_user_session_id",
                table: "workflow_sessions",
                column: "user_session_id");

            migrationBuilder.AddForeignKey(
                name: "fk_batches_csv_uploads_upload_id",
                table: "batches",
                column: "upload_id",
                principalTable: "csv_uploads",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_batches_campaigns_campaign_id",
                table: "batches");

            migrationBuilder.DropForeignKey(
                name: "fk_csv_uploads_campaigns_campaign_id",
                table: "csv_uploads");

            migrationBuilder.DropForeignKey(
                name: "fk_batches_csv_uploads_upload_id",
                table: "batches");

            migrationBuilder.DropTable(
                name: "api_configurations");

            migrationBuilder.DropTable(
                name: "company_profiles");

            migrationBuilder.DropTable(
                name: "generated_emails");

            migrationBuilder.DropTable(
                name: "processing_jobs");

            migrationBuilder.DropTable(
                name: "prospect_analyses");

            migrationBuilder.DropTable(
                name: "prospect_enrichments");

            migrationBuilder.DropTable(
                name: "workflow_sessions");

            migrationBuilder.DropTable(
                name: "prospects");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "csv_uploads");

            migrationBuilder.DropTable(
                name: "batches");
        }
    }
}
