using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Outreach.Domain.Enums;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SequencerPushAndWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .Annotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .Annotation("Npgsql:Enum:email_verification", "INVALID,RISKY,UNKNOWN,VALID")
                .Annotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .Annotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .Annotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION,PUSH")
                .Annotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING,SKIPPED")
                .Annotation("Npgsql:Enum:push_status", "FAILED,PUSHED,SKIPPED")
                .Annotation("Npgsql:Enum:push_target", "INSTANTLY,LEMLIST,SMARTLEAD")
                .Annotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .Annotation("Npgsql:Enum:suppression_reason", "BOUNCED,COMPETITOR,CUSTOMER,MANUAL,UNSUBSCRIBED")
                .Annotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .Annotation("Npgsql:Enum:verification_policy", "OFF,SKIP_INVALID,VALID_ONLY")
                .Annotation("Npgsql:Enum:webhook_delivery_status", "DELIVERED,FAILED,PENDING")
                .Annotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .Annotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV")
                .OldAnnotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .OldAnnotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .OldAnnotation("Npgsql:Enum:email_verification", "INVALID,RISKY,UNKNOWN,VALID")
                .OldAnnotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .OldAnnotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .OldAnnotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .OldAnnotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .OldAnnotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING,SKIPPED")
                .OldAnnotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .OldAnnotation("Npgsql:Enum:suppression_reason", "BOUNCED,COMPETITOR,CUSTOMER,MANUAL,UNSUBSCRIBED")
                .OldAnnotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .OldAnnotation("Npgsql:Enum:verification_policy", "OFF,SKIP_INVALID,VALID_ONLY")
                .OldAnnotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .OldAnnotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV");

            migrationBuilder.CreateTable(
                name: "email_pushes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    generated_email_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target = table.Column<PushTarget>(type: "push_target", nullable: false),
                    target_campaign = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    external_lead_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<PushStatus>(type: "push_status", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    pushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_pushes", x => x.id);
                    table.ForeignKey(
                        name: "fk_email_pushes_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_email_pushes_generated_emails_generated_email_id",
                        column: x => x.generated_email_id,
                        principalTable: "generated_emails",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_email_pushes_processing_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "processing_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    endpoint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    event_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<WebhookDeliveryStatus>(type: "webhook_delivery_status", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_endpoints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    secret_setting = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_endpoints", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_email_pushes_batch_id_target_status",
                table: "email_pushes",
                columns: new[] { "batch_id", "target", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_email_pushes_generated_email_id_target",
                table: "email_pushes",
                columns: new[] { "generated_email_id", "target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_email_pushes_job_id",
                table: "email_pushes",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_created_at",
                table: "webhook_deliveries",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_event_type_subject_endpoint",
                table: "webhook_deliveries",
                columns: new[] { "event_type", "subject", "endpoint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_endpoints_url",
                table: "webhook_endpoints",
                column: "url",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "email_pushes");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_endpoints");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .Annotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .Annotation("Npgsql:Enum:email_verification", "INVALID,RISKY,UNKNOWN,VALID")
                .Annotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .Annotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .Annotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .Annotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING,SKIPPED")
                .Annotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .Annotation("Npgsql:Enum:suppression_reason", "BOUNCED,COMPETITOR,CUSTOMER,MANUAL,UNSUBSCRIBED")
                .Annotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .Annotation("Npgsql:Enum:verification_policy", "OFF,SKIP_INVALID,VALID_ONLY")
                .Annotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .Annotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV")
                .OldAnnotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .OldAnnotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .OldAnnotation("Npgsql:Enum:email_verification", "INVALID,RISKY,UNKNOWN,VALID")
                .OldAnnotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .OldAnnotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .OldAnnotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .OldAnnotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION,PUSH")
                .OldAnnotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING,SKIPPED")
                .OldAnnotation("Npgsql:Enum:push_status", "FAILED,PUSHED,SKIPPED")
                .OldAnnotation("Npgsql:Enum:push_target", "INSTANTLY,LEMLIST,SMARTLEAD")
                .OldAnnotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .OldAnnotation("Npgsql:Enum:suppression_reason", "BOUNCED,COMPETITOR,CUSTOMER,MANUAL,UNSUBSCRIBED")
                .OldAnnotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .OldAnnotation("Npgsql:Enum:verification_policy", "OFF,SKIP_INVALID,VALID_ONLY")
                .OldAnnotation("Npgsql:Enum:webhook_delivery_status", "DELIVERED,FAILED,PENDING")
                .OldAnnotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .OldAnnotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV");
        }
    }
}
