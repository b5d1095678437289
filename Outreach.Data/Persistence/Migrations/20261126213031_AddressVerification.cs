using Microsoft.EntityFrameworkCore.Migrations;
using Outreach.Domain.Enums;

#nullable disable

namespace Outreach.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddressVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_batches_counters",
                table: "batches");

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
                .OldAnnotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .OldAnnotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .OldAnnotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .OldAnnotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .OldAnnotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING")
                .OldAnnotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .OldAnnotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
                .OldAnnotation("Npgsql:Enum:workflow_status", "ABANDONED,ACTIVE,COMPLETED,ERROR,PAUSED")
                .OldAnnotation("Npgsql:Enum:workflow_step", "BEGIN_ENRICHMENT,CAMPAIGN_SETTINGS,COMPLETED,EMAIL_GENERATION,ENRICHMENT_CONFIG,UPLOAD_CSV");

            migrationBuilder.AddColumn<EmailVerification>(
                name: "email_verification",
                table: "prospects",
                type: "email_verification",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email_verification_reason",
                table: "prospects",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<VerificationPolicy>(
                name: "verification",
                table: "campaigns",
                type: "verification_policy",
                nullable: false,
                defaultValue: VerificationPolicy.Off);

            migrationBuilder.AddColumn<int>(
                name: "skipped_prospects",
                table: "batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddCheckConstraint(
                name: "ck_batches_counters",
                table: "batches",
                sql: "enriched_prospects BETWEEN 0 AND total_prospects AND generated_emails >= 0 AND failed_prospects >= 0 AND skipped_prospects >= 0 AND generated_emails + failed_prospects + skipped_prospects <= total_prospects");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_batches_counters",
                table: "batches");

            migrationBuilder.DropColumn(
                name: "email_verification",
                table: "prospects");

            migrationBuilder.DropColumn(
                name: "email_verification_reason",
                table: "prospects");

            migrationBuilder.DropColumn(
                name: "verification",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "skipped_prospects",
                table: "batches");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:batch_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PARTIAL,UPLOADED")
                .Annotation("Npgsql:Enum:dedupe_scope", "CAMPAIGN,GLOBAL")
                .Annotation("Npgsql:Enum:enrichment_status", "COMPLETED,FAILED,PENDING,PROCESSING")
                .Annotation("Npgsql:Enum:generation_status", "COMPLETED,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:job_status", "CANCELLED,COMPLETED,FAILED,PENDING,RUNNING")
                .Annotation("Npgsql:Enum:job_type", "ENRICHMENT,FULL_PIPELINE,GENERATION")
                .Annotation("Npgsql:Enum:prospect_status", "COMPLETED,ENRICHED,ENRICHING,FAILED,GENERATING,PENDING")
                .Annotation("Npgsql:Enum:review_status", "APPROVED,NEEDS_ATTENTION,PENDING_REVIEW,REJECTED")
                .Annotation("Npgsql:Enum:upload_status", "FAILED,IMPORTED,RECEIVED")
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

            migrationBuilder.AddCheckConstraint(
                name: "ck_batches_counters",
                table: "batches",
                sql: "enriched_prospects BETWEEN 0 AND total_prospects AND generated_emails >= 0 AND failed_prospects >= 0 AND generated_emails + failed_prospects <= total_prospects");
        }
    }
}
