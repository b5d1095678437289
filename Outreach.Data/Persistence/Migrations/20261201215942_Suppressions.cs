using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Outreach.Domain.Enums;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Suppressions : Migration
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
                .OldAnnotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .OldAnnotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING,SKIPPED")
                .OldAnnotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .OldAnnotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .OldAnnotation("Npgsql:Enum:verification_policy", "OFF,SKIP_INVALID,VALID_ONLY")
                .OldAnnotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .OldAnnotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV");

            migrationBuilder.CreateTable(
                name: "suppressions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    value = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    reason = table.Column<SuppressionReason>(type: "suppression_reason", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suppressions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_suppressions_value",
                table: "suppressions",
                column: "value",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "suppressions");

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
                .OldAnnotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .OldAnnotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING,SKIPPED")
                .OldAnnotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .OldAnnotation("Npgsql:Enum:suppression_reason", "BOUNCED,COMPETITOR,CUSTOMER,MANUAL,UNSUBSCRIBED")
                .OldAnnotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .OldAnnotation("Npgsql:Enum:verification_policy", "OFF,SKIP_INVALID,VALID_ONLY")
                .OldAnnotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .OldAnnotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV");
        }
    }
}
